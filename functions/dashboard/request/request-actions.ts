/** The broker's actions on a request from the dashboard (first version: to be completed). */
import { sessionAction } from '../dashboard-route.js';

const notYet = sessionAction(async () => ({ statusCode: 501, body: '' }));
export const remindFromDashboard = notYet;
export const cancelFromDashboard = notYet;
export const reviewFromDashboard = notYet;
export const revokeFromDashboard = notYet;
