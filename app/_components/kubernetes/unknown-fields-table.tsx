import type { UnknownField } from "@/lib/contract";

const WIRE_NAME: Record<number, string> = { 0: "varint", 1: "fixed64", 2: "bytes", 5: "fixed32" };

/**
 * Protobuf fields the schema did not know (a newer Kubernetes), as field number, wire type and
 * value (text when printable, else hex) under the JSON path of the message that holds them.
 * @prop fields  the gateway's `decoded.unknownFields`
 */
export function UnknownFieldsTable({ fields }: { fields: UnknownField[] }) {
  return (
    <div>
      <h2 className="mb-1 text-xs font-semibold text-amber-900">
        Fields this schema does not know ({fields.length}), kept as raw protobuf
      </h2>
      <table aria-label="Unknown protobuf fields" className="w-full text-left font-mono text-xs">
        <thead className="text-slate-500">
          <tr>
            <th className="pr-3 font-normal">in</th>
            <th className="pr-3 font-normal">field</th>
            <th className="pr-3 font-normal">wire type</th>
            <th className="font-normal">value</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={i} className="align-top">
              <td className="pr-3">{f.path || "(object)"}</td>
              <td className="pr-3">{f.field}</td>
              <td className="pr-3">{WIRE_NAME[f.wireType] ?? f.wireType}</td>
              <td className="break-all">
                {f.text !== undefined ? JSON.stringify(f.text) : f.value}
                {f.truncated ? " …" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
