/** One parsed Server-Sent Events message. */
export type SseMessage = { event: string; id?: string; data: any };

/**
 * Read an SSE endpoint with fetch (as a second gateway replica or a browser would), calling
 * `onMessage` per message. Resolves when the stream ends or is aborted; never throws.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onMessage: (m: SseMessage) => void,
): Promise<void> {
  try {
    const res = await fetch(url, { headers, signal });
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buf = "";
    const reader = res.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, at);
        buf = buf.slice(at + 2);
        let event = "message";
        let id: string | undefined;
        let data = "";
        for (const line of frame.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("id: ")) id = line.slice(4);
          else if (line.startsWith("data: ")) data += line.slice(6);
        }
        if (data) onMessage({ event, id, data: JSON.parse(data) });
      }
    }
  } catch {
    // aborted, or the server died: the caller reconnects
  }
}
