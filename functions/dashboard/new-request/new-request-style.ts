/** The style of this page (joined into the dashboard's one style sheet, functions/dashboard/dashboard-style.ts). */
export const NEW_REQUEST_STYLE = `
`;
