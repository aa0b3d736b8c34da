import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { startOwnGateway } from "./own-gateway";

// etcd is frozen under the gateway: its health / cluster polls fail (5xx) meanwhile.
test.use({ expectedConsoleErrors: /status of 50[234]/ });

/** Seconds in the footer's "confirmed N s ago" (NaN when it says something else). */
async function confirmedAgo(page: Page): Promise<number> {
  const text = await page.getByLabel("Last confirmed").textContent({ timeout: 5_000 });
  const m = /confirmed (\d+) s ago/.exec(text ?? "");
  return m ? Number(m[1]) : NaN;
}

// On an idle cluster the stream stays green and says when etcd last confirmed it (heartbeats
// every ~5 s); when etcd stops answering it turns amber within 15 s and green again after.
test("the stream tells an idle cluster from a frozen etcd", async ({ page }) => {
  test.setTimeout(150_000);
  const own = await startOwnGateway("stream-health");
  const state = page.getByLabel("Stream state");
  try {
    await page.goto(own.url);
    await expect(state, "the stream is connected").toHaveText("Connected");

    // Idle (nothing writes to this etcd): 20 s of staying green, confirmed recently.
    const idleUntil = Date.now() + 20_000;
    let worstAgo = 0;
    while (Date.now() < idleUntil) {
      await expect(state, "an idle but healthy cluster stays green").toHaveText("Connected", {
        timeout: 1_000,
      });
      const ago = await confirmedAgo(page);
      expect(ago, "the footer says how long ago etcd confirmed the stream").not.toBeNaN();
      worstAgo = Math.max(worstAgo, ago);
      await page.waitForTimeout(1_000);
    }
    expect(worstAgo, "confirmations keep coming: the count never runs up").toBeLessThanOrEqual(11);

    process.kill(own.etcdPid, "SIGSTOP");
    const frozenAt = Date.now();
    await expect(state, "the footer turns amber within 15 s of etcd freezing").toHaveText(
      /^etcd not answering \(\d+ s\)$/,
      { timeout: 15_000 },
    );
    const amberAfterMs = Date.now() - frozenAt;
    await expect(
      page.getByLabel("Watch stream status"),
      "the amber state is the stale status",
    ).toHaveAttribute("data-status", "stale");

    process.kill(own.etcdPid, "SIGCONT");
    await expect(state, "green again once etcd answers").toHaveText("Connected", {
      timeout: 45_000,
    });
    test.info().annotations.push({ type: "amber after", description: `${amberAfterMs} ms` });
  } finally {
    await own.stop();
  }
});
