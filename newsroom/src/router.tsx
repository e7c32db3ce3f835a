import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { BudgetPage } from './desk/BudgetPage';
import { type BudgetSearch, readBudgetSearch } from './desk/budget-search';
import { Shell } from './shell/Shell';

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

export const router = createRouter({
  routeTree: rootRoute.addChildren([deskRoute, storyRoute]),
  basepath: '/newsroom',
  defaultPreload: 'intent',
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
