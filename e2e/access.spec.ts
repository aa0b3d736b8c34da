import { randomUUID } from "node:crypto";
import { etcdctl, expect, test } from "./fixtures";

// The shared e2e etcd runs without auth, where etcd lets any client manage users and roles.
test("Users & roles: create a user, grant it a role, give the role a prefix", async ({ page }) => {
  const id = randomUUID().slice(0, 8);
  const user = `e2e-user-${id}`;
  const role = `e2e-role-${id}`;
  const secret = `pw-${randomUUID()}`;
  etcdctl("role", "add", role);
  try {
    await page.goto("/access");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users & roles" }),
      "the header links the page and marks it current",
    ).toHaveAttribute("aria-current", "page");
    await expect(
      page.getByRole("status").filter({ hasText: "Auth is" }),
      "auth state",
    ).toContainText("Auth is disabled");

    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("User name").fill(user);
    await form.getByLabel("Password").fill(secret);
    await form.getByRole("button", { name: "Create user" }).click();
    const row = page.getByRole("row", { name: `User ${user}` });
    await expect(row, "the new user is listed").toBeVisible();
    await expect(row.getByRole("list", { name: `Roles of ${user}` }), "with no role").toContainText(
      "none",
    );
    await expect(form.getByLabel("Password"), "the password field is cleared").toHaveValue("");

    await row.getByLabel(`Role to grant to ${user}`).selectOption(role);
    await row.getByRole("button", { name: "Grant role" }).click();
    await expect(
      row.getByRole("list", { name: `Roles of ${user}` }),
      "the granted role shows in the user's row",
    ).toContainText(role);
    expect(etcdctl("user", "get", user), "etcd has the role on the user").toContain(role);

    const card = page.getByRole("article", { name: `Role ${role}` });
    const grant = card.getByRole("form", { name: `Grant permission to ${role}` });
    await grant.getByLabel("Access").selectOption("readwrite");
    await grant.getByLabel("Prefix").fill(`/e2e-${id}/`);
    await grant.getByRole("button", { name: "Grant" }).click();
    await expect(
      card.getByRole("list", { name: `Permissions of ${role}` }),
      "the role lists its new prefix permission",
    ).toContainText(`prefix /e2e-${id}/`);
    expect(etcdctl("role", "get", role), "etcd has the permission").toContain(
      `(prefix /e2e-${id}/)`,
    );
    expect(await page.content(), "the password appears nowhere in the page").not.toContain(secret);
  } finally {
    try {
      etcdctl("user", "delete", user);
    } catch {
      // not created
    }
    etcdctl("role", "delete", role);
  }
});
