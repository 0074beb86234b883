/** The dashboard's browser script (first version: to be completed). */
export {};
