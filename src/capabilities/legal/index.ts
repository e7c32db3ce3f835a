export { legalApi } from './legal-api.js';
