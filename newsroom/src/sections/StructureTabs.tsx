import { Link } from '@tanstack/react-router';
import './structure.css';

/** The three screens of the paper's structure, under the "Sections" link of the newsroom's navigation. */
export function StructureTabs() {
  return (
    <nav aria-label="Structure" className="structure-tabs">
      <Link to="/sections">Sections</Link>
      <Link to="/tags">Tags</Link>
      <Link to="/authors">Authors</Link>
    </nav>
  );
}
