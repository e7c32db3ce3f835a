export { NEWSROOM_PATH, type NewsroomAppOptions, newsroomAppFiles } from './newsroom-app-files.js';
