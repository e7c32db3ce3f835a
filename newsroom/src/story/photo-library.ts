import { later } from '../shell/later';

/** The library dialog, for the lead photo and for photos in the body; loaded on first use. */
export const PhotoLibrary = later(() => import('./PhotoLibrary').then((m) => m.PhotoLibrary));
