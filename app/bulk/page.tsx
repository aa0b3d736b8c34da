import { ExportPanel } from "./_components/export-panel";
import { ImportPanel } from "./_components/import-panel";

/** `/bulk` — export a prefix to a file (with progress) and import a file (plan, then apply). */
export default function BulkPage() {
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-8 p-6">
      <ExportPanel />
      <ImportPanel />
    </div>
  );
}
