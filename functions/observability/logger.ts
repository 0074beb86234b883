/**
 * The structured logger (AWS Powertools). Log the request id and the step, never personal
 * data: no names, e-mail addresses, birth dates, addresses or contract lists.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'portal-access' });
