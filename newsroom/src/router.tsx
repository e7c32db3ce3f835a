import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { BudgetPage } from './desk/BudgetPage';
import { type BudgetSearch, readBudgetSearch } from './desk/budget-search';
import { Shell } from './shell/Shell';
import { type ActivitySearch, readActivitySearch } from './staff/activity-search';

const rootRoute = createRootRoute({ component: Shell });

/** The story budget, the app's home; its filters live in the address so a view can be shared. */
export const deskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: (search): BudgetSearch => readBudgetSearch(search),
  component: BudgetPage,
});

/** The editor loads on its own: the budget opens without Tiptap's code. */
export const storyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/story/$id',
  component: lazyRouteComponent(() => import('./story/StoryPage'), 'StoryPage'),
});

/** The top stories in the editors' order, with the home page as readers see it. */
export const frontPageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/front-page',
  component: lazyRouteComponent(() => import('./front-page/FrontPagePage'), 'FrontPagePage'),
});

/** The photo library. */
export const photosRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/photos',
  component: lazyRouteComponent(() => import('./photos/PhotosPage'), 'PhotosPage'),
});

/** Sections, tags and authors: the paper's structure, each screen loaded when opened (issue 16). */
const sectionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sections',
  component: lazyRouteComponent(() => import('./sections/SectionsPage'), 'SectionsPage'),
});
const tagsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tags',
  component: lazyRouteComponent(() => import('./tags/TagsPage'), 'TagsPage'),
});
const authorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/authors',
  component: lazyRouteComponent(() => import('./authors/AuthorsPage'), 'AuthorsPage'),
});
const webhooksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/webhooks',
  component: lazyRouteComponent(() => import('./webhooks/WebhooksPage'), 'WebhooksPage'),
});
const correctionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/corrections',
  component: lazyRouteComponent(() => import('./corrections/CorrectionsPage'), 'CorrectionsPage'),
});

/** Staff and the activity log (admins and owners): loaded only when opened. */
export const staffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  component: lazyRouteComponent(() => import('./staff/StaffPage'), 'StaffPage'),
});

export const activityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activity',
  validateSearch: (search): ActivitySearch => readActivitySearch(search),
  component: lazyRouteComponent(() => import('./staff/ActivityPage'), 'ActivityPage'),
});

/** Settings, for admins: the publication, navigation, the wall and AI crawlers, with a reader preview. */
export const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./settings/SettingsPage'), 'SettingsPage'),
});

/** Readers, for editors (search, consents, sessions) and admins (erasure, the ledger's CSV). */
export const readersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/readers',
  component: lazyRouteComponent(() => import('./readers/ReadersPage'), 'ReadersPage'),
});

/** Legal documents, for admins: the Terms and Privacy Policy versions, and publishing the next. */
export const legalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/legal',
  component: lazyRouteComponent(() => import('./legal/LegalPage'), 'LegalPage'),
});

export const router = createRouter({
  routeTree: rootRoute.addChildren([
    deskRoute,
    storyRoute,
    frontPageRoute,
    photosRoute,
    sectionsRoute,
    tagsRoute,
    authorsRoute,
    staffRoute,
    activityRoute,
    settingsRoute,
    readersRoute,
    legalRoute,
    webhooksRoute,
    correctionsRoute,
  ]),
  basepath: '/newsroom',
  defaultPreload: 'intent',
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
