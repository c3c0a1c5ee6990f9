import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox","--disable-gpu"] });
const p = await b.newPage({ viewport: { width: 1300, height: 1100 } });
await p.goto("file://" + process.argv[2]);
await p.waitForSelector("body[data-charts]", { timeout: 30000 });
const h = await p.evaluate("document.documentElement.scrollHeight");
console.log(h);
for (let y = 0, i = 0; y < h && i < 8; y += 1100, i++) {
  await p.evaluate(`window.scrollTo(0, ${y})`);
  await p.screenshot({ path: `/tmp/rp/part${i}.png` });
}
await b.close();
