import { loadConfig } from "./src/config/index.ts";
import { runInMemory } from "./src/engine/index.ts";
const SEEDS = 10; const FILE = "configs/scenarios/telecom-1997.json";
const extra = process.argv.slice(2); const fails: string[] = [];
function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; }
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const drawdowns: number[] = [];
    const cdsPeaks: number[] = [];
    const unemploymentApr2000: number[] = [];
    const unemployment2002: number[] = [];
    const unemployment2003: number[] = [];
    const unemploymentJun2003: number[] = [];
    const inflation2003: number[] = [];
    let cdsPeakInBustYears = 0;
    let boomYearsNearHistory = 0;
    let downstreamFirstIn2000to02 = 0;
    const capexFalls: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { series, dates, events } = runInMemory(loadConfig(FILE, { sets: [`seed=${seed}`, ...extra] })) as any;
      const start = dates.indexOf("1997-01");
      const end = dates.indexOf("2003-12");
      
      
      let peak = 0;
      let worst = 0;
      let cdsPeak = 0;
      let cdsPeakAt = start;
      for (let i = start; i <= end; i++) {
        peak = Math.max(peak, series.marketCapAiChain[i]);
        worst = Math.max(worst, 1 - series.marketCapAiChain[i] / peak);
        if (series.cdsIndexAiChainBp[i] > cdsPeak) {
          cdsPeak = series.cdsIndexAiChainBp[i];
          cdsPeakAt = i;
        }
      }
      drawdowns.push(worst);
      cdsPeaks.push(cdsPeak);
      if (dates[cdsPeakAt] >= "2000-10" && dates[cdsPeakAt] <= "2002-12") cdsPeakInBustYears++;
      unemploymentApr2000.push(series.unemploymentRate[dates.indexOf("2000-04")]);
      unemploymentJun2003.push(series.unemploymentRate[dates.indexOf("2003-06")]);
      const yearMean = (column: ArrayLike<number>, y: number) => {
        let sum = 0;
        for (let i = dates.indexOf(`${y}-01`); i <= dates.indexOf(`${y}-12`); i++) sum += column[i];
        return sum / 12;
      };
      unemployment2002.push(yearMean(series.unemploymentRate, 2002));
      unemployment2003.push(yearMean(series.unemploymentRate, 2003));
      inflation2003.push(yearMean(series.inflationYoY, 2003));
      // The spread peak comes after the boom, never before the rate hikes of 2000.
      if (!(dates[cdsPeakAt] >= "2000-10")) fails.push("cdsPeakEarly s"+seed);
      // The boom years 1997–2000: mean unemployment and inflation.
      const boomEnd = dates.indexOf("2000-12");
      let u = 0;
      let pi = 0;
      for (let i = start; i <= boomEnd; i++) {
        u += series.unemploymentRate[i];
        pi += series.inflationYoY[i];
      }
      u /= boomEnd - start + 1;
      pi /= boomEnd - start + 1;
      if (u >= 0.02 && u <= 0.045 && pi >= 0.02 && pi <= 0.04) boomYearsNearHistory++;
      // Carrier capex: the chain's yearly capex, from the boom's peak year (1997–2001) to its lowest after it,
      // through 2003 (history: $92 bn in 2000 → ≈ $41 bn in 2003, ≈ −55 %; docs/calibration.md §11.1).
      const yearly = [1997, 1998, 1999, 2000, 2001, 2002, 2003].map((y) => {
        let sum = 0;
        for (let i = dates.indexOf(`${y}-01`); i <= dates.indexOf(`${y}-12`); i++) sum += series.aiCapex[i];
        return sum;
      });
      let peakYear = 0;
      for (let k = 1; k < 5; k++) if (yearly[k] > yearly[peakYear]) peakYear = k;
      capexFalls.push(Math.min(...yearly.slice(peakYear)) / yearly[peakYear] - 1);
      const firstDefault = events.find((e) => e.type === "chainDefault" && e.date <= "2003-12");
      // The first default, where there is one by 2003-12, is downstream: never upstream first.
      if (firstDefault !== undefined && !["neoCloud", "labB", "labA"].includes(firstDefault.firm as string)) fails.push("firstDefault "+firstDefault.firm);
      if (
        (firstDefault?.firm === "neoCloud" || firstDefault?.firm === "labB") &&
        firstDefault.date >= "2000-10" &&
        firstDefault.date <= "2002-12"
      )
        downstreamFirstIn2000to02++;
      // The equipment maker stays standing (Lucent and Nortel lost heavily but did not default,
      // docs/calibration.md §11.1); the long-haul carrier may default (Global Crossing Jan 2002,
      // WorldCom Jul 2002, §11.2), but never before a downstream firm.
      const chipDefaults = events.filter(
        (e) => e.type === "chainDefault" && e.firm === "chipCo" && e.date <= "2003-12",
      );
      if (chipDefaults.length) fails.push("chipDefault");
      const longHaul = events.find((e) => e.type === "chainDefault" && e.firm === "legacyCloud");
      if (longHaul !== undefined) {
        if (firstDefault?.firm === "legacyCloud") fails.push("legacyFirst");
      }
    }
    // Unemployment in Apr 2000 (history 3.9 %, its low; 4.0 % in Jun 2000, docs/calibration.md §11.3): median
    // 5.1 % over seeds 1–10 (mean 5.6 %, 3.9–10.9 %; before: 5.2 %; seed 1's warm-up ends lower in its cycle): the build-out's
    // dip comes a year early. Main at a6a338e (households on the policy rate, their neutral rate 2.5 %): median
    // 4.8 %. Before the late 1990s' neutral rate: 10.1–14.3 %, mean 11.1 %.

const r = (x: number) => x.toFixed(4);
console.log(extra.join(" "), "Apr00 med", r(median(unemploymentApr2000)), "(0.03-0.06) U2002", r(mean(unemployment2002)), "U2003", r(mean(unemployment2003)), "(0.045-0.075) Jun03 med", r(median(unemploymentJun2003)), "(>0.04) pi03 max", r(Math.max(...inflation2003)), "(<0.035) near", boomYearsNearHistory, "(>=8) cds med", median(cdsPeaks).toFixed(0), "(900-1400) max", Math.max(...cdsPeaks).toFixed(0), "(<2000) inBust", cdsPeakInBustYears, "(>=3) downstream", downstreamFirstIn2000to02, "(>=1) dd min", r(Math.min(...drawdowns)), "(>0.3) mean", r(mean(drawdowns)), "(>0.42) capex", r(mean(capexFalls)), "(-0.7..-0.4) n<=-0.4", capexFalls.filter((x) => x <= -0.4).length, "(>=7)", fails.join(","));
