import type { Media } from '../api/types';
import { photoUrl } from './photo-files';

/**
 * The photo as the reader site cuts it around the focal point: the lead photo and section blocks at 3:2,
 * the cards' small 3:2 thumbnail (the browser crops them with the site's own `object-position`), and the
 * shape of the 1200×630 social card the server cuts (shown here the same way, so it follows the point at once).
 */
export function PhotoCrops({ media }: { media: Media }) {
  const url = photoUrl(media, 960);
  if (!url) return null;
  const objectPosition = `${media.focalPoint.x * 100}% ${media.focalPoint.y * 100}%`;
  const crops = [
    { label: 'Lead photo and section blocks, 3:2', className: 'crop crop-lead' },
    { label: 'Cards, 3:2', className: 'crop crop-card' },
    { label: 'Social card, 1200×630', className: 'crop crop-social' },
  ];
  return (
    <section aria-labelledby="photo-crops-title" className="photo-crops">
      <h3 id="photo-crops-title">Crops</h3>
      <ul>
        {crops.map((crop) => (
          <li key={crop.className}>
            <figure>
              <img src={url} alt="" className={crop.className} style={{ objectPosition }} />
              <figcaption>{crop.label}</figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
