/**
 * The demo edition's sample articles: original text written for Masthead, in four sections, each with
 * a photo, so a first start shows a front page with a lead, top stories and a block per section.
 * Listed oldest first (published in this order). Fictional events and people.
 */
import type { DemoPhoto } from './demo-photos.js';

export interface DemoArticle {
  section: 'world' | 'business' | 'culture' | 'science';
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
  { slug: 'culture', name: 'Culture', description: 'Books, stages, screens and the people who make them.' },
  { slug: 'science', name: 'Science', description: 'Discoveries, doubts and the work between them.' },
] as const;

/** The masthead's navigation the demo sets: its sections, in order (ADR 0019). */
export const DEMO_NAVIGATION = DEMO_SECTIONS.map((s) => `${s.name} | /section/${s.slug}`).join('\n');

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    section: 'world',
    headline: 'Old Iron Bridge Carries Trams Again After Two Years of Repairs',
    dek: 'Commuters cheered as the first trams crossed on Monday morning.',
    dateline: 'LISBON —',
    author: 'Tomás Ferreira',
    tags: ['Transport', 'Europe'],
    access: 'free',
    markdown: `The first tram crossed the old iron bridge at six on Monday morning, two years and four months after engineers closed it to replace the rusted deck.

The repairs cost a third more than planned. The city says the bridge should now stand for another century.

Ferries that carried commuters during the closure will keep a reduced timetable until the spring.`,
    photo: {
      palette: { skyTop: '#264653', skyBottom: '#e9c46a', sun: '#f4a261', land: '#2a9d8f', water: '#264653' },
      caption: 'An estuary at morning, drawn for the demo edition.',
      alt: 'An illustrated estuary at morning with an orange sun over green hills.',
    },
  },
  {
    section: 'business',
    headline: 'Bakery Founders Hand a Majority Stake to Their Staff',
    dek: 'The founders say the employee trust will keep the ovens local.',
    dateline: 'LEEDS, England —',
    author: 'Anneke de Vries',
    tags: ['Companies'],
    access: 'free',
    markdown: `The founders of a bakery chain with thirty-two shops across the north of England have sold a majority of the company to a trust that holds it for its nine hundred staff.

Employee ownership has grown quickly among family firms whose owners want to retire without selling to a competitor.

Staff will share in the profits from next year. The founders keep a minority stake and their seats on the board.`,
    photo: {
      palette: { skyTop: '#6d597a', skyBottom: '#eaac8b', sun: '#ffe8d6', land: '#b56576', water: '#355070' },
      caption: 'Early light over a northern town, drawn for the demo edition.',
      alt: 'An illustrated sunrise in pink and violet over low hills.',
    },
  },
  {
    section: 'culture',
    headline: 'Open-Air Cinema Fills a Car Park Every Friday',
    dek: 'Volunteers turned an empty lot into the busiest screen in town.',
    dateline: 'MARSEILLE, France —',
    author: 'Siobhán Byrne',
    tags: ['Film'],
    access: 'free',
    markdown: `Every Friday from June to September, a supermarket car park on the edge of the city becomes a cinema for eight hundred people.

Volunteers bring the screen, neighbours bring chairs, and the programme is chosen by a vote at the end of each showing.

The most requested film this summer was a forty-year-old comedy that most of the audience had never seen.`,
    photo: {
      palette: { skyTop: '#1b263b', skyBottom: '#e0a458', sun: '#ffdbb5', land: '#415a77', water: '#0d1b2a' },
      caption: 'A summer evening by the sea, drawn for the demo edition.',
      alt: 'An illustrated summer evening with a low sun over the sea.',
    },
  },
  {
    section: 'science',
    headline: 'Glacier Lost a Fifth of Its Ice in Ten Years, Survey Finds',
    dek: 'Measurements from drones and old photographs tell the same story.',
    dateline: 'ZERMATT, Switzerland —',
    author: 'Priya Raman',
    tags: ['Climate'],
    access: 'free',
    markdown: `A survey that compared drone measurements with photographs taken a century ago found that one of the Alps' best-known glaciers lost a fifth of its ice in the last decade alone.

The researchers said the loss had sped up in each of the last three summers.

The glacier's tongue, once a short walk from the village, is now a climb of several hours.`,
    photo: {
      palette: { skyTop: '#48cae4', skyBottom: '#e0fbfc', sun: '#ffffff', land: '#6c757d', water: '#90e0ef' },
      caption: 'A glacier valley in clear weather, drawn for the demo edition.',
      alt: 'An illustrated mountain valley under a pale blue sky.',
    },
  },
  {
    section: 'culture',
    headline: 'A Century On, the Town Band Still Marches at Dawn',
    dek: 'Forty players, three generations and one battered tuba keep a harvest tradition alive.',
    dateline: 'KILKENNY, Ireland —',
    author: 'Siobhán Byrne',
    tags: ['Music'],
    access: 'free',
    markdown: `The band gathers in the square at five in the morning, as it has every harvest Sunday since 1926, and marches the length of the high street before the bakeries open.

Its oldest player is eighty-one. Its youngest, a drummer, is nine and was allowed to join this year after two summers of practice in her grandmother's kitchen.

"Nobody asks us to do it," the bandmaster said. "That is rather the point."`,
    photo: {
      palette: { skyTop: '#3c1642', skyBottom: '#f7b267', sun: '#fff1d0', land: '#5c3d2e', water: '#3c1642' },
      caption: 'Dawn over a market town, drawn for the demo edition.',
      alt: 'An illustrated dawn in warm orange over dark hills.',
    },
  },
  {
    section: 'culture',
    headline: 'Small Publisher Wins Prize for a Novel Rejected Forty Times',
    dek: 'The book, about a lighthouse keeper and her letters, sold out its first printing in a week.',
    dateline: 'EDINBURGH —',
    author: 'Siobhán Byrne',
    tags: ['Books'],
    access: 'metered',
    markdown: `The novel that forty publishers turned down won the year's most watched debut prize on Thursday, and its two-person publisher spent the evening looking for a printer.

The author, a retired teacher, wrote it over eleven winters. "I kept the rejection letters," she said. "Some of them were very kind."

The first printing of three thousand copies sold out within a week of the shortlist.`,
    photo: {
      palette: { skyTop: '#14213d', skyBottom: '#8d99ae', sun: '#edf2f4', land: '#2b2d42', water: '#14213d' },
      caption: 'A lighthouse coast at night, drawn for the demo edition.',
      alt: 'An illustrated night coast with a pale moon over the sea.',
    },
  },
  {
    section: 'science',
    headline: 'Telescope Finds Water Vapour Around a Nearby Star',
    dek: 'Astronomers say the signal is faint but clear, and the planet behind it may be rocky.',
    dateline: 'LA SERENA, Chile —',
    author: 'Priya Raman',
    tags: ['Space'],
    access: 'free',
    markdown: `A team working at the observatory above the city reported on Wednesday that they had found water vapour in the light passing through the atmosphere of a planet forty light years away.

The planet is about one and a half times the size of Earth. Whether it is rocky, or wrapped in a deep ocean, will take another season of observations to say.

"It is a small signal," said the team's lead. "But small signals are how this work begins."`,
    photo: {
      palette: { skyTop: '#03045e', skyBottom: '#0077b6', sun: '#caf0f8', land: '#023e8a', water: '#03045e' },
      caption: 'A clear night over a mountain observatory, drawn for the demo edition.',
      alt: 'An illustrated deep-blue night sky with a bright star above mountains.',
    },
  },
  {
    section: 'science',
    headline: 'Bees Return to a Valley Where Farmers Let the Hedges Grow',
    dek: 'A ten-year study finds wild pollinators doubled on farms that left their field edges alone.',
    dateline: 'UTRECHT, Netherlands —',
    author: 'Priya Raman',
    tags: ['Climate', 'Farming'],
    access: 'metered',
    markdown: `Farms that stopped cutting their hedges and left a strip of wild flowers at the edge of each field saw the number of wild bees double within a decade, researchers reported on Monday.

The study followed forty farms in the same valley. Yields on the farms that changed were no lower, and on some orchards they rose.

Farmers said the hardest part was learning to leave things untidy.`,
    photo: {
      palette: { skyTop: '#386641', skyBottom: '#f2e8cf', sun: '#ffd166', land: '#6a994e', water: '#386641' },
      caption: 'Green fields and hedgerows under a summer sun, drawn for the demo edition.',
      alt: 'An illustrated green valley with a yellow sun.',
    },
  },
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

/** The top stories the demo's editors pick, by headline, the first leading the front page. */
export const DEMO_FRONT_PAGE = [
  'Alliance Chief Visits Capital for First Time Since War Began',
  'Port Operator Bets on Electric Cranes to Cut Costs and Emissions',
  'Telescope Finds Water Vapour Around a Nearby Star',
  'Small Publisher Wins Prize for a Novel Rejected Forty Times',
  'River Towns Count the Cost as Floodwaters Recede',
];
