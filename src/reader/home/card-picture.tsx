import type { CardPhoto } from './front-page-photos.js';

/**
 * A card's photo from the photo desk's responsive files (ADR 0013): AVIF and WebP where the
 * browser takes them, the JPEG ladder and the fallback file otherwise. width and height reserve
 * its room, so nothing shifts while it loads; the lead story's photo is the page's largest
 * paint and is fetched first, every other one waits until it nears the screen.
 */
export function CardPicture({
  photo,
  sizes,
  lead = false,
  class: className,
}: {
  photo: CardPhoto;
  /** The `sizes` attribute: how wide the layout shows this photo. */
  sizes: string;
  lead?: boolean;
  class: string;
}) {
  const { sources } = photo;
  return (
    <picture class={className}>
      {/* Until the worker has made the ladder only the fallback JPEG exists. */}
      {sources.avif ? <source type="image/avif" srcset={sources.avif} sizes={sizes} /> : null}
      {sources.webp ? <source type="image/webp" srcset={sources.webp} sizes={sizes} /> : null}
      <img
        src={sources.fallbackSrc}
        srcset={sources.jpeg || undefined}
        sizes={sources.jpeg ? sizes : undefined}
        width={sources.width}
        height={sources.height}
        alt={photo.alt}
        style={sources.objectPosition === '50% 50%' ? undefined : `object-position:${sources.objectPosition}`}
        {...(lead ? { fetchpriority: 'high' } : { loading: 'lazy', decoding: 'async' })}
      />
    </picture>
  );
}
