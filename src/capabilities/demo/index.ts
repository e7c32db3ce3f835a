export { DEMO_OWNER_EMAIL, type DemoEdition, seedDemoEdition } from './demo-edition.js';
