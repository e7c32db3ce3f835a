/**
 * The reader site's one stylesheet, inlined into every page: a page needs no second request to
 * look right. System fonts (nothing to download), a readable measure, dark mode and print from the
 * same rules. Colour pairs are checked against WCAG 2.2 AA in site-styles.test.ts; change a colour
 * and that test says whether text still reads at 4.5:1.
 */
export const SITE_COLOURS = {
  light: {
    ink: '#1a1a1a',
    paper: '#ffffff',
    muted: '#595959',
    rule: '#d0d0d0',
    link: '#0b57a4',
    accent: '#a3160e',
    tint: '#f4f3ef',
    error: '#b3261e',
  },
  dark: {
    ink: '#ececec',
    paper: '#121212',
    muted: '#b0b0b0',
    rule: '#3a3a3a',
    link: '#8ab8f0',
    accent: '#ff8a80',
    tint: '#1e1e1e',
    error: '#ffb4ab',
  },
} as const;

type Palette = (typeof SITE_COLOURS)[keyof typeof SITE_COLOURS];
const vars = (p: Palette) =>
  `--ink:${p.ink};--paper:${p.paper};--muted:${p.muted};--rule:${p.rule};--link:${p.link};--accent:${p.accent};--tint:${p.tint};--error:${p.error}`;

const SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
const SERIF = 'Georgia,"Times New Roman",serif';

const RULES = `
:root{${vars(SITE_COLOURS.light)};color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{${vars(SITE_COLOURS.dark)}}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;scrollbar-gutter:stable}
body{margin:0;background:var(--paper);color:var(--ink);font:1.0625rem/1.6 ${SERIF};overflow-wrap:break-word}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
img{max-width:100%;height:auto}
.skip{position:absolute;left:-999px;top:.5rem;z-index:2;background:var(--paper);color:var(--ink);padding:.5rem 1rem;border:2px solid var(--link)}
.skip:focus{left:.5rem}
.wrap{max-width:44rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
.wrap.wide{max-width:72rem}
.search-form{margin:0 0 1.5rem}
.search-query{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.search-query label{flex-basis:100%;font-weight:700}
.search-query input{flex:1 1 12rem;min-width:0;font:inherit;padding:.5rem .6rem;border:1px solid var(--muted);border-radius:4px;background:var(--paper);color:var(--ink)}
.search-form button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:var(--link);color:var(--paper);cursor:pointer}
.search-hint,.search-count{color:var(--muted);font-size:.9rem}
.search-filters{border:1px solid var(--rule);border-radius:4px;margin:1rem 0 0;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;font-size:.9rem}
.search-filters p{margin:.25rem 0;display:flex;flex-direction:column}
.search-filters select,.search-filters input{font:inherit;padding:.3rem;border:1px solid var(--muted);border-radius:4px;background:var(--paper);color:var(--ink)}
.snippet{font-size:.95rem}
.section-heading{font:700 .95rem/1.2 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;border-top:3px solid var(--ink);padding-top:.5rem;margin:2rem 0 1rem}
.section-heading a{color:var(--ink);text-decoration:none}
.top-stories .section-heading{margin-top:0}
.subsections ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.wide-page .site-footer .wrap,.wide-page .masthead .wrap{max-width:72rem}
.masthead{border-bottom:1px solid var(--rule);text-align:center;padding:1rem 0 .75rem}
.masthead a{color:inherit;text-decoration:none}
.masthead .name{font:700 clamp(1.6rem,6vw,2.6rem)/1.1 ${SERIF};letter-spacing:-.01em;margin:0}
.masthead img{max-height:3rem;width:auto}
.masthead-links{display:flex;justify-content:flex-end;margin:-.75rem 0 0;font:.9rem/1 ${SANS}}
.masthead .masthead-links a{color:var(--link);text-decoration:underline;padding:.75rem .25rem}
main{padding:1.5rem 0 3rem;display:block}
h1,h2,h3,h4{line-height:1.2;margin:1.6em 0 .5em}
h1{font-size:clamp(1.75rem,5vw,2.6rem);margin:.25em 0 .35em;letter-spacing:-.01em}
h2{font-size:1.4rem}h3{font-size:1.2rem}h4{font-size:1.05rem}
.sans,.section-label,.label,.byline,.dates,.meta,.site-footer,figcaption,.tags,.card time,.pagination,.corrections h2,.related h2{font-family:${SANS}}
.notice{border:1px solid var(--rule);border-left:4px solid var(--link);background:var(--tint);padding:1rem 1.25rem;border-radius:4px}
.section-label{margin:0;font-size:.85rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em}
.section-label a{color:var(--accent);text-decoration:none}
.section-label a:hover{text-decoration:underline}
.dek{font-size:1.25rem;line-height:1.45;color:var(--muted);margin:0 0 1.25rem}
.byline,.dates{font-size:.9rem;margin:.2rem 0}
.byline a{color:var(--ink);font-weight:700}
.byline-suffix{display:block;color:var(--muted);font-weight:400}
.dates{color:var(--muted)}
.dates time+.updated{margin-left:.75em}
.article-meta{border-bottom:1px solid var(--rule);padding-bottom:1rem;margin-bottom:1.5rem}
.dateline{font-variant-caps:all-small-caps;letter-spacing:.04em;font-weight:700}
.article-body blockquote{margin:1.5rem 0;padding-left:1rem;border-left:3px solid var(--rule)}
.article-body ul,.article-body ol{padding-left:1.5rem}
.article-body hr{border:0;border-top:1px solid var(--rule);margin:2rem auto;width:30%}
.pull-quote{margin:2rem 0;padding:1rem 0;border-top:3px solid var(--ink);border-bottom:1px solid var(--rule)}
.pull-quote blockquote{margin:0;padding:0;border:0;font-size:1.4rem;line-height:1.35;font-style:italic}
.pull-quote p{margin:0}
figure{margin:1.5rem 0}
figure img{display:block;width:100%}
.lead-figure{margin:0 0 1.5rem}
figcaption{font-size:.85rem;line-height:1.45;color:var(--muted);margin-top:.4rem}
figcaption .caption{color:var(--ink)}
.credit{font-size:.78rem;letter-spacing:.02em;text-transform:uppercase}
.embed-card{display:block;border:1px solid var(--rule);border-radius:4px;padding:.75rem 1rem;text-decoration:none;font-family:${SANS}}
.embed-card:hover .embed-url{text-decoration:underline}
.embed-provider{display:block;font-size:.78rem;font-weight:700;text-transform:uppercase;color:var(--muted)}
.embed-url{display:block;word-break:break-all}
.corrections{margin:2.5rem 0 1.5rem;padding:1rem 1.25rem;background:var(--tint);border-left:3px solid var(--accent)}
.corrections h2{font-size:1rem;margin:0 0 .5rem}
.corrections ol{list-style:none;margin:0;padding:0}
.corrections li{margin:.5rem 0}
.correction-kind{font-weight:700}
.tags{margin:1.5rem 0}
.tags ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.tags a{display:inline-block;padding:.2rem .7rem;border:1px solid var(--rule);border-radius:999px;font-size:.85rem;text-decoration:none}
.related{border-top:3px solid var(--ink);margin-top:2.5rem}
.related h2{font-size:1rem;text-transform:uppercase;letter-spacing:.06em;margin:1rem 0}
.card-list,.cards{list-style:none;margin:0;padding:0;display:grid;gap:1.25rem}
.card{border-bottom:1px solid var(--rule);padding-bottom:1.25rem}
.card h2,.card h3{font-size:1.2rem;margin:.15rem 0 .35rem}
.card h2 a,.card h3 a{color:var(--ink);text-decoration:none}
.card h2 a:hover,.card h3 a:hover{text-decoration:underline}
.card p{margin:.25rem 0}
.card .dek{font-size:1rem;margin:.25rem 0}
.label{margin:0;font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em}
.label a{color:var(--accent);text-decoration:none}
.meta,.empty,.breadcrumbs{font-size:.85rem;color:var(--muted)}
.meta a{color:var(--ink)}
.author-photo{border-radius:50%;float:left;margin:0 1rem .5rem 0}
.list-header{border-bottom:1px solid var(--rule);margin-bottom:1.5rem;overflow:hidden}
mark{background:#fff3a3;color:#1a1a1a}
input,select,button{font:inherit;color:inherit}
input,select{background:var(--paper);border:1px solid var(--muted);border-radius:4px;padding:.4rem .5rem;max-width:100%}
button{background:var(--link);color:var(--paper);border:0;border-radius:4px;padding:.45rem 1rem;cursor:pointer}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.field,.choice,fieldset,.form-error,.wall-prompt,.consent-line{font-family:${SANS}}
.field{margin:0 0 1.25rem}
.field label,legend{display:block;font-weight:700;margin:0 0 .3rem;padding:0}
.field input,.field select,.field textarea{display:block;width:100%;max-width:32rem;min-height:2.75rem;padding:.5rem .75rem;border:2px solid var(--muted)}
.field [aria-invalid=true]{border-color:var(--error);border-width:3px}
.hint{color:var(--muted);font-size:.9rem;margin:0 0 .3rem}
.field-error{color:var(--error);font-weight:700;margin:0 0 .3rem}
.form-error{border:3px solid var(--error);border-radius:4px;padding:1rem 1.25rem;margin:0 0 1.5rem}
.form-error:focus{outline:3px solid var(--link);outline-offset:2px}
.form-error h2{font-size:1.2rem;margin:0 0 .5rem}
.form-error ul{margin:0;padding-left:1.25rem}
.form-error a{color:var(--error);font-weight:700}
fieldset{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
.choice{display:flex;flex-wrap:wrap;align-items:center;gap:0 .6rem;margin:.5rem 0}
.choice input{width:1.5rem;height:1.5rem;margin:0;accent-color:var(--link)}
.choice label{padding:.4rem 0}
.choice .hint{flex-basis:100%;padding-left:2.1rem}
.button{display:inline-block;min-height:2.75rem;padding:.55rem 1.25rem;border:2px solid var(--link);border-radius:4px;background:var(--link);color:var(--paper);font:700 1rem/1.4 ${SANS};text-align:center;text-decoration:none;cursor:pointer}
.button:hover{text-decoration:underline}
.button-secondary{background:none;color:var(--link)}
.button-danger{background:var(--error);border-color:var(--error)}
.actions{display:flex;flex-direction:column;gap:.75rem;margin:1.25rem 0}
.consent-line{color:var(--muted);font-size:.85rem}
.wall-prompt{margin:2rem 0;padding:1.25rem;border-top:3px solid var(--ink);background:var(--tint)}
.wall-prompt h2{font:700 1.4rem/1.25 ${SERIF};margin:0 0 .5rem}
@media (min-width:30rem){.actions{flex-direction:row;flex-wrap:wrap;align-items:center}}
.card time{font-size:.8rem;color:var(--muted)}
.pagination{display:flex;justify-content:space-between;gap:1rem;margin:2rem 0;font-size:.95rem}
.pagination a{padding:.4rem 0}
@media (min-width:48rem){.wide .card-list{grid-template-columns:repeat(2,1fr)}}
@media (min-width:64rem){body{font-size:1.125rem}.wide .card-list{grid-template-columns:repeat(3,1fr)}}
.site-footer{border-top:1px solid var(--rule);color:var(--muted);font-size:.875rem;line-height:1.5;padding:1.5rem 0 2rem}
.site-footer p{margin:.35rem 0}
.site-footer .footer-name{font:700 1.1rem/1.3 ${SERIF};color:var(--ink)}
@media print{
.skip,.masthead-links,.related,.tags,.pagination,form,.wall-prompt .actions{display:none}
body{font-size:11pt;color:#000;background:#fff}
a{color:#000}
.article-body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}
.dek,figcaption,.dates,.site-footer{color:#333}
.corrections{background:none;border-left:2px solid #000}
figure,blockquote,.pull-quote{break-inside:avoid}
h1,h2,h3{break-after:avoid}
}
`;

// Header and primary navigation (issue 14): links above the name, the name, then the sections in one
// row between rules; on a phone the row scrolls sideways (no script, every link a list item).
const HEADER_RULES = `
.masthead{padding:.25rem 0 0;border-bottom:0}
.masthead .masthead-links{list-style:none;padding:0;margin:0;gap:0 .75rem;flex-wrap:wrap}
.masthead .masthead-links a{display:inline-block;padding:.5rem .25rem}
.masthead-home{display:inline-block;margin:.1rem 0 .6rem}
.masthead .name{display:block;font:700 clamp(2rem,8vw,3.4rem)/1.05 ${SERIF};letter-spacing:-.02em}
.masthead img{height:3rem}
.site-nav{border-top:1px solid var(--ink);border-bottom:3px double var(--ink)}
.site-nav ul{list-style:none;margin:0 auto;padding:0 .5rem;max-width:72rem;display:flex;overflow-x:auto;white-space:nowrap;scrollbar-width:thin}
.site-nav a{display:block;padding:.7rem .75rem;font:600 .8rem/1 ${SANS};text-transform:uppercase;letter-spacing:.06em;color:var(--ink)}
.site-nav a:hover{text-decoration:underline}
@media (min-width:48rem){.site-nav ul{flex-wrap:wrap;justify-content:center}}
`;

// Footer navigation (issue 14): the sections and the paper's own links above the legal lines.
const FOOTER_RULES = `
.footer-nav ul{list-style:none;margin:.5rem 0 1rem;padding:0 0 .75rem;border-bottom:1px solid var(--rule);display:flex;flex-wrap:wrap;gap:0 1.25rem}
.footer-nav a{display:inline-block;padding:.35rem 0;color:var(--ink)}
`;

/**
 * The front page's rules (issue 14): edition date, the lead story, top stories with thumbnails
 * beside it, the Latest rail, then a block per section. Photos keep their 3:2 room before they
 * load. Only the front page needs them, so it appends them (Layout's `styles`) and article pages
 * do not carry them.
 */
const FRONT_PAGE_RULES = `
.edition-date{font:600 .85rem/1.3 ${SANS};color:var(--muted);margin:-.5rem 0 1.25rem;padding-bottom:.6rem;border-bottom:1px solid var(--rule)}
.front-top,.top-stories{display:grid;gap:1.5rem}
.secondary-stories,.block-stories,.latest-list{list-style:none;margin:0;padding:0}
.headline{font-weight:700;line-height:1.15;margin:.15rem 0 .4rem;font-size:1.2rem}
.headline a{color:var(--ink);text-decoration:none}
.headline a:hover{text-decoration:underline}
.lead-story .headline{font-size:clamp(1.75rem,4.2vw,2.4rem);line-height:1.1;letter-spacing:-.01em}
.lead-story .dek{font-size:1.15rem;margin:.25rem 0 .5rem}
.lead-photo,.block-photo{display:block;margin:0 0 .75rem}
.lead-photo img,.block-photo img{display:block;width:100%;aspect-ratio:3/2;object-fit:cover}
.story .dek{font-size:.98rem;line-height:1.45;margin:.2rem 0 .4rem}
.story .byline,.lead-story .byline{font-size:.8rem;color:var(--muted)}
.secondary-stories .story{display:flex;gap:1rem;align-items:flex-start;border-top:1px solid var(--rule);padding:1rem 0}
.story-text{flex:1;min-width:0}
.thumb{flex:0 0 112px}
.thumb img{display:block;width:112px;height:75px;object-fit:cover}
.latest .section-heading{margin-top:0}
.latest-list li{padding:.6rem 0;border-bottom:1px solid var(--rule);line-height:1.3}
.latest-list time{display:block;font:700 .75rem/1.5 ${SANS};color:var(--accent);text-transform:uppercase;letter-spacing:.04em}
.latest-list a{color:var(--ink);text-decoration:none}
.latest-list a:hover{text-decoration:underline}
.section-block{margin-top:2.5rem}
.block-stories{display:grid;gap:0 1.5rem}
.block-stories .story{border-top:1px solid var(--rule);padding:1rem 0}
.block-stories .block-lead{border-top:0;padding-top:0}
@media (min-width:48rem){
.top-stories{grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 1.5rem}
.secondary-stories{border-left:1px solid var(--rule);padding-left:1.5rem}
.secondary-stories .story:first-child{border-top:0;padding-top:0}
.block-stories{grid-template-columns:repeat(3,minmax(0,1fr))}
.block-stories .block-lead{grid-column:1/-1;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}
}
@media (min-width:64rem){
.front-top{grid-template-columns:minmax(0,3fr) minmax(0,1fr);gap:0 1.5rem}
.latest{border-left:1px solid var(--rule);padding-left:1.5rem}
.block-stories{grid-template-columns:minmax(0,5fr) minmax(0,2fr)}
.block-stories .story{grid-column:2;padding:.9rem 0 .9rem 1.5rem;border-left:1px solid var(--rule)}
.block-stories .block-lead+.story{border-top:0;padding-top:0}
.block-stories .block-lead{grid-column:1;grid-row:1/span 3;align-self:start;padding:0;border-left:0}
}
`;

// Issue 14, the reader's paper (the "reader" work): the wall's cue, share links, pictures in lists,
// author pages. Kept in a block of its own, after RULES, so the front page's rules merge beside it.
const READER_PAPER_RULES = `
.article-body.is-cut>:last-child{-webkit-mask-image:linear-gradient(#000 15%,transparent 95%);mask-image:linear-gradient(#000 15%,transparent 95%)}
.wall-prompt{text-align:center;margin-top:0}
.wall-prompt .actions{justify-content:center}
.wall-continues{display:flex;align-items:center;gap:.75rem;margin:0 0 1rem;font:700 .78rem/1 ${SANS};text-transform:uppercase;letter-spacing:.12em;color:var(--accent)}
.wall-continues::before,.wall-continues::after{content:"";flex:1;border-top:1px solid var(--rule)}
.wall-count{max-width:32rem;margin:0 auto}
.share ul{list-style:none;margin:.75rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:.85rem}
.share a,.share summary,.share button{display:inline-block;padding:.35rem .7rem;border:1px solid var(--rule);border-radius:999px;color:var(--ink);text-decoration:none;cursor:pointer}
.share button{font:inherit;line-height:inherit;background:none}
.share a:hover,.share summary:hover,.share button:hover{border-color:var(--ink)}
.share summary{list-style:none}
.share summary::-webkit-details-marker{display:none}
.share-copy[open] input{display:block;margin-top:.4rem;width:min(22rem,80vw);font-size:.85rem}
.card.has-picture{display:flow-root}
.card-picture img{display:block;width:7rem;aspect-ratio:3/2;height:auto;object-fit:cover;background:var(--tint)}
.card-picture{float:right;margin:0 0 .5rem .75rem}
.related .card{padding-bottom:1rem}
@media (min-width:48rem){.wide .card-picture{float:none;margin:0 0 .6rem}.wide .card-picture img{width:100%}}
.author-header{display:flow-root}
.author-photo{object-fit:cover}
.author-links{list-style:none;padding:0;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;font-size:.9rem}
.author-links a{font-weight:700}
.bio{max-width:40rem}
`;

const oneLine = (css: string) => css.trim().replace(/\n/g, '');

export const SITE_CSS = oneLine(RULES + HEADER_RULES + FOOTER_RULES + READER_PAPER_RULES);

export const FRONT_PAGE_CSS = oneLine(FRONT_PAGE_RULES);
