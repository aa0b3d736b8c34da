import { CompareView } from "./_components/compare-view";

/** `/compare` — two prefixes (or one at two revisions) side by side, and copy left → right. */
export default function ComparePage() {
  return <CompareView />;
}
