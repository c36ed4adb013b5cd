import { it, inject } from "vitest";
import { launchChromium } from "/work/main/test/helpers/browser";
import { startWebServer } from "/work/main/test/helpers/web-server";
it("probe", async () => {
  const web = await startWebServer({ kubeconfig: inject("kubeconfig") });
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on("response", async (r) => { if (r.url().includes("/api/auth") || r.request().method() === "POST") console.log("RESP", r.request().method(), r.status(), r.url(), JSON.stringify(await r.allHeaders())); });
  page.on("request", (r) => { if (r.method() === "POST") console.log("REQ", r.url(), JSON.stringify(r.headers())); });
  await page.goto(`${web.url}/login`);
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill(web.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await new Promise((r) => setTimeout(r, 3000));
  console.log("COOKIES", JSON.stringify(await page.context().cookies()));
  console.log("URL", page.url());
  await browser.close(); await web.stop();
}, 120000);
