export { demoApi } from './demo-api.js';
export { DEMO_OWNER_EMAIL, type DemoEdition, seedDemoEdition } from './demo-edition.js';
export { type DemoRemoval, removeDemoEdition } from './demo-removal.js';
