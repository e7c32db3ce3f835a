import { Caption } from './blocks.js';

/** Responsive variants of the lead photo, made by the media library: one srcset per format. */
export interface LeadImageSources {
  avif: string;
  webp: string;
  jpeg: string;
  /** The `sizes` attribute shared by all three, e.g. "(min-width: 44rem) 42rem, 100vw". */
  sizes: string;
}

export interface LeadFigureProps {
  sources: LeadImageSources | null;
  /** The fallback file, for browsers that read no srcset. */
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
}

/**
 * The lead photo. It is usually the largest thing in view when the page opens, so it is fetched
 * eagerly and first (fetchpriority=high); width and height reserve its room, so nothing shifts.
 * Caption and credit are separate elements in the figcaption.
 */
export function LeadFigure({ sources, src, width, height, alt, caption, credit }: LeadFigureProps) {
  return (
    <figure class="lead-figure">
      <picture>
        {/* Until the worker has made the ladder only the fallback JPEG exists (ADR 0013). */}
        {sources?.avif ? <source type="image/avif" srcset={sources.avif} sizes={sources.sizes} /> : null}
        {sources?.webp ? <source type="image/webp" srcset={sources.webp} sizes={sources.sizes} /> : null}
        <img
          src={src}
          srcset={sources?.jpeg}
          sizes={sources?.sizes}
          width={width}
          height={height}
          alt={alt}
          fetchpriority="high"
          loading="eager"
        />
      </picture>
      <Caption caption={caption} credit={credit} />
    </figure>
  );
}
