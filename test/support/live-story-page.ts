import type { Locator, Page } from 'playwright-core';

/**
 * The live story editor as the co-editing journeys read it (newsroom/src/story): who is in the story, the
 * body's paragraphs without other people's caret tags, typing as a person would, and the moment a text
 * shows up in another browser.
 */

export const presence = (page: Page) => page.getByRole('region', { name: 'In this story' });
export const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });
export const paragraph = (page: Page, n: number) => body(page).locator('p').nth(n);
export const headline = (page: Page) => page.getByLabel('Headline', { exact: true });

/** A paragraph's text without the name tags of other people's carets in it. */
export const textOf = (page: Page, n: number) =>
  paragraph(page, n).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    for (const caret of Array.from(copy.querySelectorAll('.live-caret'))) caret.remove();
    return copy.textContent ?? '';
  });

/** Puts the caret at the end of paragraph `n` and types. */
export async function typeAtEnd(page: Page, n: number, text: string): Promise<void> {
  const p = paragraph(page, n);
  const box = await p.boundingBox();
  // Right of its last line: End alone goes to the end of the line clicked, mid-paragraph once it wraps.
  await p.click(box ? { position: { x: box.width - 2, y: box.height - 2 } } : {});
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

export async function typeAtStart(page: Page, n: number, text: string): Promise<void> {
  await paragraph(page, n).click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Home');
  await page.keyboard.type(text);
}

/**
 * Starts watching a field (an input's value) or paragraph `n` of the body for `text`, before the typing
 * that should bring it; the returned function waits for it and gives the wall-clock time it first showed.
 * Watched inside the page every 5 ms, so the time is the browser's, not that of the next round trip to it
 * (Chromium and the test run on one machine: both read the same clock).
 */
export async function watchFor(
  target: Locator,
  text: string,
  n = 0,
  timeout = 10_000,
): Promise<() => Promise<number>> {
  const key = `${n}:${text}`;
  await target.evaluate(
    (element, { key, text, n, timeout }) => {
      const read = () => {
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
          return element.value;
        const p = element.querySelectorAll('p')[n]?.cloneNode(true) as HTMLElement | undefined;
        for (const caret of Array.from(p?.querySelectorAll('.live-caret') ?? [])) caret.remove();
        return p?.textContent ?? '';
      };
      const page = window as unknown as { seenAt?: Record<string, Promise<number>> };
      page.seenAt ??= {};
      page.seenAt[key] = new Promise<number>((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          if (read().includes(text)) resolve(Date.now());
          else if (Date.now() - started > timeout)
            reject(new Error(`${JSON.stringify(text)} not seen within ${timeout} ms`));
          else return;
          clearInterval(timer);
        }, 5);
      });
    },
    { key, text, n, timeout },
  );
  return () =>
    target.evaluate(
      (_, key) => (window as unknown as { seenAt: Record<string, Promise<number>> }).seenAt[key]!,
      key,
    );
}
