/** One row per uploaded photo: its facts, its credits, and where its original is kept. */
export interface MediaTable {
  id: string;
  /** Storage key of the untouched upload (private: it keeps the camera's GPS position). */
  original_key: string;
  original_name: string;
  format: string;
  bytes: number;
  /** Upright size. */
  width: number;
  height: number;
  sha256: string;
  alt_text: string;
  caption: string;
  credit: string;
  creator: string;
  copyright_notice: string;
  usage_terms: string;
  license_url: string;
  taken_at: string | null;
  focal_x: number;
  focal_y: number;
  /** pending | ready | failed: whether the public files exist yet. */
  variants_status: string;
  uploaded_by: string | null;
  uploaded_by_name: string;
  created_at: string;
  updated_at: string;
}

/** One row per public file made from a photo. */
export interface MediaVariantTable {
  id: string;
  media_id: string;
  /** width | social */
  kind: string;
  /** avif | webp | jpeg */
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** The public file name, unique: `<hash>-<width>.<ext>`; stored under `public/<name>`. */
  name: string;
  /** For the social crop, the focal point it was cut around ("0.5,0.5"); '' for the ladder. */
  focal: string;
  created_at: string;
}

export interface MediaTables {
  media: MediaTable;
  media_variants: MediaVariantTable;
}
