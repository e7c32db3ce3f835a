export type { Section, SectionInTree } from './section.js';
export { sectionApi } from './section-api.js';
export type { NewSection, SectionChanges } from './section-service.js';
export {
  createSection,
  deleteSection,
  findSectionById,
  findSectionByPath,
  getSection,
  listSections,
  updateSection,
} from './section-service.js';
