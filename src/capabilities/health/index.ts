export { healthApi } from './health-api.js';
