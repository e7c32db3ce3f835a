/**
 * The demo edition's sample articles: original text written for Masthead, in two sections, so a first
 * start shows a paper with something in it. Fictional events and people.
 */
import type { DemoPhoto } from './demo-photos.js';

export interface DemoArticle {
  section: 'world' | 'business';
  headline: string;
  dek: string;
  dateline: string;
  author: string;
  tags: string[];
  access: 'metered' | 'free';
  markdown: string;
  photo: DemoPhoto;
}

export const DEMO_SECTIONS = [
  { slug: 'world', name: 'World', description: 'News from every capital and the places between.' },
  { slug: 'business', name: 'Business', description: 'Markets, companies and the people who run them.' },
] as const;

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    section: 'world',
    headline: 'Alliance Chief Visits Capital for First Time Since War Began',
    dek: 'The visit, kept secret until his arrival, was meant to show that support will outlast the winter.',
    dateline: 'KYIV, Ukraine —',
    author: 'Marta Kowalczyk',
    tags: ['Diplomacy', 'Europe'],
    access: 'metered',
    markdown: `The alliance's secretary general arrived by overnight train on Sunday, his first visit to the capital since the war began, and went straight from the station to a meeting with the president.

"We are here for as long as it takes," he told reporters outside the presidential offices, standing in a light snow. "That is not a slogan. It is a budget line."

## A visit kept quiet

Officials in three capitals said the trip had been planned for weeks but kept from the public for security reasons. Air-raid sirens sounded twice during the afternoon.

> We asked for air defence, and we will keep asking until the sky is closed.

The two men discussed winter supplies for the power grid, training for pilots and a new fund for rebuilding schools, according to a statement released in the evening.`,
    photo: {
      palette: { skyTop: '#1d3557', skyBottom: '#a8c5da', sun: '#f4d35e', land: '#3d405b', water: '#457b9d' },
      caption: 'A winter dusk over a capital city, drawn for the demo edition.',
      alt: 'An illustrated winter dusk: a pale sun above dark hills and a river.',
    },
  },
  {
    section: 'world',
    headline: 'River Towns Count the Cost as Floodwaters Recede',
    dek: 'After a week under water, shopkeepers and farmers along the lower valley begin the long work of drying out.',
    dateline: 'PORTO ALEGRE, Brazil —',
    author: 'Tomás Ferreira',
    tags: ['Climate', 'Floods'],
    access: 'free',
    markdown: `The water left behind a line of brown mud on every wall, a little above head height, as if someone had drawn it with a ruler.

In the market square, shopkeepers dragged out refrigerators, sofas and sacks of ruined grain and stacked them by the road for the trucks that the city has promised will come.

## Insurance, and the lack of it

Fewer than one in five small businesses in the valley carried flood insurance, according to the regional chamber of commerce. Most will rely on emergency loans.

- The state has set aside funds for emergency loans at zero interest.
- Farmers can apply for seed and feed support from next week.
- Schools are expected to reopen within a month.

"We rebuilt after the last one," said a baker who has worked on the square for thirty years. "We will rebuild after this one. I would just like it to be the last."`,
    photo: {
      palette: { skyTop: '#5f6b73', skyBottom: '#c9cfd4', sun: '#e9ecef', land: '#6b705c', water: '#7f8c8d' },
      caption: 'Grey skies over a river valley after the floods, drawn for the demo edition.',
      alt: 'An illustrated river valley under grey skies, with high brown water.',
    },
  },
  {
    section: 'business',
    headline: 'Port Operator Bets on Electric Cranes to Cut Costs and Emissions',
    dek: 'The company says the switch will pay for itself within six years, if power prices behave.',
    dateline: 'ROTTERDAM, Netherlands —',
    author: 'Anneke de Vries',
    tags: ['Shipping', 'Energy'],
    access: 'metered',
    markdown: `The largest container terminal operator in the harbour will replace its diesel straddle carriers with battery-powered machines over the next four years, it said on Tuesday.

The company put the cost at several hundred million euros and said lower fuel and maintenance bills would pay for the change within six years.

## A grid question

The plan depends on a new substation that the regional grid operator has promised for next year. Executives said a delay would push back the second half of the order.

Unions welcomed the quieter machines but asked for guarantees on training and shift patterns during the changeover.`,
    photo: {
      palette: { skyTop: '#0b3954', skyBottom: '#bfd7ea', sun: '#ff6663', land: '#087e8b', water: '#0b3954' },
      caption: 'A harbour at sunrise, drawn for the demo edition.',
      alt: 'An illustrated harbour at sunrise with a red sun over the water.',
    },
  },
  {
    section: 'business',
    headline: 'Small Lenders Tighten Rules as Late Payments Climb',
    dek: 'Credit unions and community banks report the highest share of overdue loans in a decade.',
    dateline: 'CHICAGO —',
    author: 'Grace Okafor',
    tags: ['Banking', 'Economy'],
    access: 'metered',
    markdown: `Community lenders across the Midwest are asking for larger down payments and more paperwork after a steady rise in loans more than thirty days overdue.

The share of late car and personal loans at small lenders reached its highest level in ten years in the third quarter, according to an industry survey published on Monday.

"Our members are not reckless," said the head of a credit union that serves hospital workers. "Rent went up, insurance went up, and the paycheck did not."

## What borrowers can expect

Loan officers said applicants should expect to be asked for two recent pay slips and, in some cases, a larger deposit. Rates on new loans have risen by about half a point since the summer.`,
    photo: {
      palette: { skyTop: '#22223b', skyBottom: '#9a8c98', sun: '#f2e9e4', land: '#4a4e69', water: '#22223b' },
      caption: 'Evening over a Midwestern town, drawn for the demo edition.',
      alt: 'An illustrated evening landscape with low hills and a still lake.',
    },
  },
];
