import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Heading, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import './reader-frame.css';

/** The widths a reader's screen is previewed at: a phone, a tablet, a desktop. */
const WIDTHS = [
  { id: 'phone', label: 'Phone', px: 375 },
  { id: 'tablet', label: 'Tablet', px: 768 },
  { id: 'desktop', label: 'Desktop', px: 1280 },
] as const;
type WidthId = (typeof WIDTHS)[number]['id'];

/** A reader page to show, and how fresh it is. */
export interface ReaderPageState {
  /** The page's HTML; null until the first answer. */
  html: string | null;
  /** Why the latest page could not be had, in words (the last good page stays shown). */
  problem: string | null;
  updating: boolean;
  renderedAt: Date | null;
}

/**
 * A reader page as readers will see it, in a sandboxed frame: no scripts, no same-origin access, so
 * nothing in the page can reach the app. The frame takes the width picked and is scaled down to fit
 * the panel when the panel is narrower. The editor's preview and the front page's use it.
 */
export function ReaderFrame(props: {
  title: string;
  page: ReaderPageState;
  initialWidth?: WidthId;
  /** Buttons for the bar (the editor's "Close preview"). */
  children?: ReactNode;
}) {
  const [width, setWidth] = useState<WidthId>(props.initialWidth ?? 'phone');
  const px = WIDTHS.find((w) => w.id === width)?.px ?? 375;
  const { page } = props;
  const box = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setRoom({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scale = room.width > 0 ? Math.min(1, room.width / px) : 1;
  const status = page.problem
    ? `Not updated: ${page.problem}`
    : page.updating
      ? 'Updating…'
      : page.renderedAt
        ? `Up to date (${page.renderedAt.toLocaleTimeString('en-GB')})`
        : '';
  return (
    <section className="preview-panel" aria-labelledby="preview-title">
      <div className="preview-bar">
        <Heading level={2} id="preview-title">
          {props.title}
        </Heading>
        <ToggleButtonGroup
          aria-label="Screen width"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[width]}
          onSelectionChange={(keys) => {
            const [next] = [...keys];
            if (next) setWidth(next as WidthId);
          }}
          className="preview-widths"
        >
          {WIDTHS.map((w) => (
            <ToggleButton key={w.id} id={w.id} aria-label={`${w.label} (${w.px} px)`}>
              {w.label} <span className="px">{w.px}</span>
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {props.children}
      </div>
      <p className={page.problem ? 'preview-status problem' : 'preview-status'} role="status">
        {status}
      </p>
      <div className="preview-frame-box" ref={box}>
        {page.html !== null && (
          <iframe
            title={`What readers will see, ${px} px wide`}
            // No allow-scripts, no allow-same-origin: the page is shown, never run.
            sandbox=""
            srcDoc={page.html}
            className="preview-frame"
            style={{
              width: `${px}px`,
              height: `${Math.max(room.height, 200) / scale}px`,
              transform: `scale(${scale})`,
            }}
          />
        )}
      </div>
    </section>
  );
}
