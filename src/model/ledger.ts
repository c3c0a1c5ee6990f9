// The ledger: balance sheets and the only ways money moves (docs/ODD.md §7.20,
// "Stock-flow consistency"). Every payment is a double entry — the payer's
// asset falls, the payee's rises, and the banks' and central bank's
// matching liabilities and reserves move with them; loans create deposits.
// Each payment is also recorded in a flow matrix (rows: kinds of flow,
// columns: sectors) whose rows sum to zero by construction.
//
// After every tick `checkLedger` verifies, independently of how the flows
// were computed, that (1) every financial asset equals its counterpart
// liability, instrument by instrument and bank by bank; (2) each sector's
// change in net financial wealth equals the sum of its recorded flows — so
// no money appeared or vanished; (3) no state variable is NaN or infinite.
// A violation throws ModelFailure naming the instrument, tick and residual.
//
// Hot loops over households do not call `transfer` per agent: they apply the
// same double entries in aggregated form (per bank); the check catches any
// mismatch between the two.
import { ModelFailure } from "../errors.ts";
import { CensusSum, CensusSums, Pass, type SliceView, sumCensus, sumFirmBlocks } from "./passes.ts";
import type { PassRunner, PassWork } from "./passRunner.ts";
import type {
  AiChain,
  Banks,
  CentralBank,
  Firms,
  Fund,
  Government,
  Households,
  LedgerState,
  MacroState,
  RestOfWorld,
  Scratch,
  Utility,
} from "./state.ts";

/**
 * The books: every balance sheet a payment can touch — households, non-AI
 * firms, banks, the central bank, the government, the AI chain, the fund,
 * the utility, the rest of the world, and the households' equity claim on firms (macro.equityTotal)
 * — and the flow matrix each payment is recorded in. The functions below
 * book into it; a phase that moves money takes it as its `books` argument
 * and otherwise reads and writes only the records passed to it, so that
 * schedule.ts shows what each phase decides on and money still moves only
 * here. Crediting a household marks the runner's census of household
 * deposits stale (`runner.work.censusTick`). A ModelState is one.
 */
export interface Books {
  readonly households: Households;
  readonly firms: Firms;
  readonly banks: Banks;
  readonly centralBank: CentralBank;
  readonly government: Government;
  readonly aiChain: AiChain;
  readonly fund: Fund;
  readonly utility: Utility;
  readonly restOfWorld: RestOfWorld;
  readonly macro: Pick<MacroState, "equityTotal">;
  readonly ledger: LedgerState;
  readonly runner: { readonly work: Pick<PassWork, "censusTick"> };
}

/**
 * What the end-of-tick check (checkLedger) reads: the books, the month's
 * aggregates (checked finite), the pass runner that takes the census of
 * households and firms, two per-bank scratch sums and the tick.
 */
export interface LedgerCheck extends Books {
  readonly macro: MacroState;
  readonly runner: PassRunner;
  readonly scratch: Pick<Scratch, "bankSum" | "bankSum2">;
  readonly tick: number;
}

/** Sectors, in the order of the nfw_<sector> series columns. */
export const Sector = {
  households: 0,
  firms: 1,
  banks: 2,
  centralBank: 3,
  government: 4,
  aiChain: 5,
  privateCredit: 6,
  utility: 7,
  restOfWorld: 8,
} as const;
export type SectorId = (typeof Sector)[keyof typeof Sector];
export const SECTOR_NAMES = [
  "households",
  "firms",
  "banks",
  "centralBank",
  "government",
  "aiChain",
  "privateCredit",
  "utility",
  "restOfWorld",
] as const;
export const SECTOR_COUNT = SECTOR_NAMES.length;

/** Rows of the flow matrix: transactions and other changes in net worth. */
export const FlowRow = {
  wages: 0,
  benefits: 1,
  incomeTaxes: 2,
  profitTaxes: 3,
  consumption: 4,
  governmentPurchases: 5,
  investmentGoods: 6,
  depositInterest: 7,
  loanInterest: 8,
  billInterest: 9,
  reserveInterest: 10,
  dividends: 11,
  centralBankRemittance: 12,
  recapitalisation: 13,
  entryEquity: 14,
  loanWriteOffs: 15,
  depositBailIn: 16,
  equityRevaluation: 17,
  aiServices: 18,
  chainPurchases: 19,
  fundRevaluation: 20,
  /** Fiscal absorption of AI infrastructure: capex grants and guarantee payouts. */
  fiscalSupport: 21,
  /** Electricity bills paid to the utility (households, non-AI firms, the AI chain). */
  electricity: 22,
  /** The government's capital grants for grid investment (power.publicBuildoutShare). */
  gridGrants: 23,
  /** The utility's fuel and operating purchases from consumption-goods firms. */
  utilityPurchases: 24,
  /** The chip maker's imported content paid to the rest of the world (aiChain.gpuImportShare). */
  imports: 25,
} as const;
export const FLOW_ROW_COUNT = 26;

/** Who is on one side of a payment. */
export const Party = {
  household: 0,
  firm: 1,
  bank: 2,
  centralBank: 3,
  government: 4,
  aiFirm: 5,
  fund: 6,
  utility: 7,
  restOfWorld: 8,
} as const;
export type PartyKind = (typeof Party)[keyof typeof Party];
const SECTOR_OF_PARTY: readonly SectorId[] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

export function newFlowMatrix(): Float64Array {
  return new Float64Array(FLOW_ROW_COUNT * SECTOR_COUNT);
}

/** Record a flow of `amount` from sector `from` to sector `to` in row `row`. */
export function recordFlow(
  flows: Float64Array,
  row: number,
  from: SectorId,
  to: SectorId,
  amount: number,
): void {
  flows[row * SECTOR_COUNT + from] -= amount;
  flows[row * SECTOR_COUNT + to] += amount;
}

/** The payer's side of a payment (the caller records the flow). */
export function debitParty(m: Books, kind: PartyKind, idx: number, x: number): void {
  // a − x is exactly a + (−x) in IEEE arithmetic: a debit is a negative credit.
  creditParty(m, kind, idx, -x);
}

/** The payee's side of a payment (the caller records the flow). */
export function creditParty(m: Books, kind: PartyKind, idx: number, x: number): void {
  const b = m.banks;
  switch (kind) {
    case Party.household:
      m.households.deposits[idx] += x;
      m.runner.work.censusTick = -1; // the purchase pass's census of deposits is stale
      depositLeg(m, m.households.bank[idx], x);
      return;
    case Party.firm:
      m.firms.deposits[idx] += x;
      depositLeg(m, m.firms.bank[idx], x);
      return;
    case Party.bank:
      b.reserves[idx] += x;
      b.equity[idx] += x;
      m.centralBank.reserves += x;
      return;
    case Party.centralBank:
      m.centralBank.equity += x;
      return;
    case Party.government:
      m.government.account += x;
      m.centralBank.govAccount += x;
      return;
    case Party.aiFirm:
      m.aiChain.deposits[idx] += x;
      depositLeg(m, m.aiChain.bank[idx], x);
      return;
    case Party.fund:
      m.fund.deposits += x;
      depositLeg(m, m.fund.bank, x);
      return;
    case Party.utility:
      m.utility.deposits += x;
      depositLeg(m, m.utility.bank, x);
      return;
    case Party.restOfWorld:
      m.restOfWorld.deposits += x;
      depositLeg(m, m.restOfWorld.bank, x);
      return;
  }
}

/** The bank's side of a deposit that changes by x: its deposit liability and its reserves at the central bank. */
function depositLeg(m: Books, bank: number, x: number): void {
  m.banks.deposits[bank] += x;
  m.banks.reserves[bank] += x;
  m.centralBank.reserves += x;
}

/**
 * Pay `amount` from one party to another, settling through deposits and
 * reserves as a real payment system would (a payment between customers of
 * two banks moves reserves between the banks; one to or from the government
 * moves reserves against the government's central-bank account).
 */
export function transfer(
  m: Books,
  row: number,
  fromKind: PartyKind,
  fromIdx: number,
  toKind: PartyKind,
  toIdx: number,
  amount: number,
): void {
  if (amount === 0) return;
  debitParty(m, fromKind, fromIdx, amount);
  creditParty(m, toKind, toIdx, amount);
  recordFlow(m.ledger.flows, row, SECTOR_OF_PARTY[fromKind], SECTOR_OF_PARTY[toKind], amount);
}

/**
 * The banks' side of the households' income pass (agents/households.ts
 * earnAndPlan), settled in aggregate by bank: each bank's deposit liability
 * grows by `depChange[k]` (the net incomes credited to its depositors,
 * deposit interest included), its reserves by that less the interest
 * `interest[k]` it pays out of its own equity (written into `resChange`),
 * and the central bank's reserves by the sum. Returns the interest paid.
 */
export function settleHouseholdIncome(
  m: Books,
  depChange: Float64Array,
  interest: Float64Array,
  resChange: Float64Array,
): number {
  const bk = m.banks;
  let reserveIn = 0;
  let paid = 0;
  for (let k = 0; k < bk.n; k++) {
    resChange[k] = depChange[k] - interest[k];
    paid += interest[k];
    bk.deposits[k] += depChange[k];
    bk.reserves[k] += resChange[k];
    bk.equity[k] -= interest[k];
    reserveIn += resChange[k];
  }
  m.centralBank.reserves += reserveIn;
  return paid;
}

/**
 * The banks' side of household payments settled in aggregate by bank
 * (markets/goods.ts clearConsumptionMarket: the purchase pass debited the
 * households): `paid[k]` left deposits at bank k, so its deposit liability
 * and reserves fall by it, and the central bank's reserves with them.
 */
export function settleHouseholdPayments(m: Books, paid: Float64Array): void {
  const b = m.banks;
  for (let k = 0; k < b.n; k++) {
    b.deposits[k] -= paid[k];
    b.reserves[k] -= paid[k];
    m.centralBank.reserves -= paid[k];
  }
}

/**
 * Cuts by `share` the deposits at bank `k` of one sector's accounts [0, n)
 * (bailInDeposits); returns the total cut, summed in account order.
 */
function cutDepositsAtBank(
  bankOf: ArrayLike<number>,
  deposits: Float64Array,
  n: number,
  k: number,
  share: number,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (bankOf[i] !== k) continue;
    const cut = deposits[i] * share;
    deposits[i] -= cut;
    total += cut;
  }
  return total;
}

/** bailInDeposits's cut of one holder's single deposit (the fund, the utility, the rest of the world) if it is at bank k. */
function cutDepositAtBank(
  holder: { readonly bank: number; deposits: number },
  k: number,
  share: number,
): number {
  if (holder.bank !== k) return 0;
  const cut = holder.deposits * share;
  holder.deposits -= cut;
  return cut;
}

/**
 * A bail-in at bank k (agents/banks.ts resolveBanks): every deposit there is
 * written down by the same share, so that `amount` is absorbed; the bank's
 * deposit liability falls and its equity rises by what was cut.
 */
export function bailInDeposits(m: Books, k: number, amount: number): void {
  const b = m.banks;
  const share = b.deposits[k] > 0 ? amount / b.deposits[k] : 0;
  const h = m.households;
  m.runner.work.censusTick = -1; // the purchase pass's census of deposits is stale (ledger.ts scanHouseholds)
  const fromHouseholds = cutDepositsAtBank(h.bank, h.deposits, h.n, k, share);
  const fromFirms = cutDepositsAtBank(m.firms.bank, m.firms.deposits, m.firms.n, k, share);
  const fromChain = cutDepositsAtBank(m.aiChain.bank, m.aiChain.deposits, m.aiChain.n, k, share);
  const fromFund = cutDepositAtBank(m.fund, k, share);
  const fromUtility = cutDepositAtBank(m.utility, k, share);
  const fromAbroad = cutDepositAtBank(m.restOfWorld, k, share);
  const total = fromHouseholds + fromFirms + fromChain + fromFund + fromUtility + fromAbroad;
  b.deposits[k] -= total;
  b.equity[k] += total;
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.households, Sector.banks, fromHouseholds);
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.firms, Sector.banks, fromFirms);
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.aiChain, Sector.banks, fromChain);
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.privateCredit, Sector.banks, fromFund);
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.utility, Sector.banks, fromUtility);
  recordFlow(m.ledger.flows, FlowRow.depositBailIn, Sector.restOfWorld, Sector.banks, fromAbroad);
}

/** A bank lends to a firm: the loan creates a deposit of the same size. */
export function grantLoan(m: Books, firm: number, amount: number): void {
  const bank = m.firms.bank[firm];
  m.firms.loans[firm] += amount;
  m.banks.loans[bank] += amount;
  m.firms.deposits[firm] += amount;
  m.banks.deposits[bank] += amount;
}

/**
 * The record forms of grantLoan, the loan-interest transfer and repayLoan,
 * for markets/credit.ts financeVisit, which holds each firm's loans and
 * deposits in a packed record during its random-order visit and writes
 * them back afterwards: these move the bank's and the central bank's side
 * (and the flow), the caller the firm's record by the same amount.
 */
export function lendToRecord(b: Banks, bank: number, amount: number): void {
  b.loans[bank] += amount;
  b.deposits[bank] += amount;
}

/**
 * Loan interest a firm (its balances in a record) pays its bank: a payment
 * out of a deposit at the bank into the bank's equity — deposits and
 * reserves out, reserves and equity in, as transfer(firm → bank) would
 * book it. Returns the central bank's reserves, held by the caller.
 */
export function interestFromRecord(
  b: Banks,
  flows: Float64Array,
  bank: number,
  interest: number,
  cbReserves: number,
): number {
  b.deposits[bank] -= interest;
  b.reserves[bank] -= interest;
  let reserves = cbReserves - interest;
  b.reserves[bank] += interest;
  b.equity[bank] += interest;
  reserves += interest;
  recordFlow(flows, FlowRow.loanInterest, Sector.firms, Sector.banks, interest);
  return reserves;
}

/** repayLoan's bank side for a firm whose balances are in a record (see lendToRecord). */
export function repaidByRecord(b: Banks, bank: number, amount: number): void {
  b.loans[bank] -= amount;
  b.deposits[bank] -= amount;
}

/** A firm repays principal out of its deposit: loan and deposit vanish together. */
export function repayLoan(m: Books, firm: number, amount: number): void {
  const bank = m.firms.bank[firm];
  m.firms.loans[firm] -= amount;
  m.banks.loans[bank] -= amount;
  m.firms.deposits[firm] -= amount;
  m.banks.deposits[bank] -= amount;
}

/** A bank writes off part of a defaulted loan: a capital transfer to the firm. */
export function writeOffLoan(m: Books, firm: number, amount: number): void {
  const bank = m.firms.bank[firm];
  m.firms.loans[firm] -= amount;
  m.banks.loans[bank] -= amount;
  m.banks.equity[bank] -= amount;
  recordFlow(m.ledger.flows, FlowRow.loanWriteOffs, Sector.banks, Sector.firms, amount);
}

/** The government issues bills to the central bank against its account. */
export function issueBillsToCentralBank(m: Books, amount: number): void {
  m.government.bills += amount;
  m.centralBank.bills += amount;
  m.government.account += amount;
  m.centralBank.govAccount += amount;
}

/** The government redeems bills held by the central bank (negative issue). */
export function redeemBillsFromCentralBank(m: Books, amount: number): void {
  issueBillsToCentralBank(m, -amount);
}

/** A bank buys `amount` of bills from the central bank with reserves (sells if negative). */
export function bankBuysBills(m: Books, bank: number, amount: number): void {
  m.banks.bills[bank] += amount;
  m.banks.reserves[bank] -= amount;
  m.centralBank.bills -= amount;
  m.centralBank.reserves -= amount;
}

/** Equity repriced to `newTotal`: households gain what firms' equity liability grows. */
export function revalueEquity(m: Books, newTotal: number): void {
  const delta = newTotal - m.macro.equityTotal;
  m.macro.equityTotal = newTotal;
  recordFlow(m.ledger.flows, FlowRow.equityRevaluation, Sector.firms, Sector.households, delta);
}

/** Net financial wealth of each sector and gross financial assets, from the stocks. */
export function measureNetFinancialWealth(m: Books, out: Float64Array, householdDeposits?: number): number {
  const { households: h, firms: f, banks: b, centralBank: cb, government: g } = m;
  let hhDeposits = householdDeposits ?? 0;
  if (householdDeposits === undefined) for (let i = 0; i < h.n; i++) hhDeposits += h.deposits[i];
  let firmDeposits = 0;
  let firmLoans = 0;
  for (let i = 0; i < f.n; i++) {
    firmDeposits += f.deposits[i];
    firmLoans += f.loans[i];
  }
  let bankNfw = 0;
  let bankAssets = 0;
  for (let i = 0; i < b.n; i++) {
    bankNfw += b.reserves[i] + b.loans[i] + b.bills[i] - b.deposits[i];
    bankAssets += Math.max(0, b.reserves[i]) + b.loans[i] + b.bills[i];
  }
  // AI chain: deposits and stakes in each other, less debt and the market
  // value of all its shares (those held by chain firms and by the fund).
  const c = m.aiChain;
  const fund = m.fund;
  let chainDeposits = 0;
  let chainDebt = 0;
  let chainCap = 0;
  let stakes = 0;
  let fundEquity = 0;
  for (let i = 0; i < c.n; i++) {
    chainDeposits += c.deposits[i];
    chainDebt += c.bankLoans[i] + c.fundLoans[i];
    chainCap += c.shares[i] * c.price[i];
    fundEquity += fund.sharesHeld[i] * c.price[i];
    for (let k = 0; k < c.n; k++) stakes += c.stakes[k * c.n + i] * c.price[i];
  }
  const equity = m.macro.equityTotal;
  out[Sector.households] = hhDeposits + equity + fund.nav;
  out[Sector.firms] = firmDeposits - firmLoans - equity;
  out[Sector.banks] = bankNfw;
  out[Sector.centralBank] = cb.bills - cb.reserves - cb.govAccount;
  out[Sector.government] = g.account - g.bills;
  out[Sector.aiChain] = chainDeposits + stakes - chainDebt - chainCap;
  out[Sector.privateCredit] = fund.deposits + fund.loans + fundEquity - fund.nav;
  // The utility: deposits less bank loans (its grid is a real asset; its owners are the households, unlisted).
  out[Sector.utility] = m.utility.deposits - m.utility.loans;
  // The rest of the world: its deposit (what the chip maker paid it for imported content).
  out[Sector.restOfWorld] = m.restOfWorld.deposits;
  return (
    hhDeposits +
    firmDeposits +
    equity +
    bankAssets +
    cb.bills +
    Math.max(0, g.account) +
    fund.nav +
    chainDeposits +
    stakes +
    fund.deposits +
    fund.loans +
    fundEquity +
    m.utility.deposits +
    m.restOfWorld.deposits
  );
}

function fail(tick: number, subject: string, expected: number, actual: number, what: string): never {
  const residual = actual - expected;
  throw new ModelFailure(
    `stock-flow consistency violated at tick ${tick}: ${subject} — ${what}: ${actual} vs ${expected} (residual ${residual})`,
    tick,
    subject,
    residual,
  );
}

/** Throws naming the first non-finite element of a column (the slow path, only after a sum was non-finite). */
function findNonFinite(m: LedgerCheck, name: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v - v !== 0) {
      throw new ModelFailure(
        `non-finite value at tick ${m.tick}: ${name}[${i}] = ${v}`,
        m.tick,
        `${name}[${i}]`,
      );
    }
  }
  throw new ModelFailure(`non-finite sum at tick ${m.tick}: ${name} (overflow)`, m.tick, name);
}

// Monomorphic sums, one per element type: a NaN or infinity anywhere makes
// the sum non-finite, so one cheap pass per column detects it.
function sumF64(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
function sumF32(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Every floating-point column of firms, banks and the AI chain is finite
 * (households: see scanHouseholds). The firms' columns are summed by a pass
 * over blocks of firms (firmCensusKernel, on the run's threads; one sum per
 * block, added in block order): only whether the total is finite matters,
 * and a NaN or an infinity anywhere makes it so in any order. If it is not,
 * the slow path below names the column and the firm.
 */
function checkColumnsFinite(m: LedgerCheck): void {
  const work = m.runner.work;
  m.runner.run(Pass.firmCensus);
  const firms = sumFirmBlocks(work);
  for (const [name, cols] of [
    ["aiChain", m.aiChain],
    ["firms", m.firms],
    ["banks", m.banks],
  ] as const) {
    if (name === "firms" && firms - firms === 0) continue;
    for (const [k, v] of Object.entries(cols)) {
      let sum = 0;
      if (v instanceof Float64Array) sum = sumF64(v);
      else if (v instanceof Float32Array) sum = sumF32(v);
      else continue; // integer columns cannot hold NaN
      if (sum - sum !== 0) findNonFinite(m, `${name}.${k}`, v);
    }
  }
}

/**
 * The census of firms [start, end) for the end-of-tick check: the sum of
 * every floating-point firm column into the block's sum (checkColumnsFinite),
 * and the firms' deposits and loans by bank into the block's share of
 * blockFirmBank (addBankCustomers).
 */
export function firmCensusKernel(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const n = v.firms.n;
  let sum = 0;
  for (const col of Object.values(v.firms)) {
    if (!(col instanceof Float64Array || col instanceof Float32Array)) continue;
    // A column not of one value per firm (none now) is summed whole, by block 0.
    const [from, to] = col.length === n ? [start, end] : block === 0 ? [0, col.length] : [0, 0];
    sum += col instanceof Float64Array ? sumF64Range(col, from, to) : sumF32Range(col, from, to);
  }
  v.work.blockFirmSums[block] = sum;
  // The firms' deposits and loans by bank, for the check of each bank against its customers (addBankCustomers).
  const nb = v.work.nBanks;
  const byBank = v.work.blockFirmBank;
  const base = 2 * nb * block;
  byBank.fill(0, base, base + 2 * nb);
  const { bank, deposits, loans } = v.firms;
  for (let i = start; i < end; i++) {
    byBank[base + bank[i]] += deposits[i];
    byBank[base + nb + bank[i]] += loans[i];
  }
}

function sumF64Range(a: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += a[i];
  return s;
}
function sumF32Range(a: Float32Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += a[i];
  return s;
}

function checkFiniteScalars(m: LedgerCheck, name: string, o: object): void {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "number" && v - v !== 0) {
      throw new ModelFailure(
        `non-finite value at tick ${m.tick}: ${name}.${k} = ${v}`,
        m.tick,
        `${name}.${k}`,
      );
    }
  }
}

/**
 * The check's only O(N) work, a census of the households: deposits per bank
 * into `byBank`, their total as the return value, and a sentinel sum of
 * every floating-point household column — NaN or infinite if any element
 * is, in which case the slow path names the column and the household.
 * Within a tick the runner has already taken the census after each block of
 * the passes that write household columns (CENSUS_AFTER: the separation and
 * income passes' sentinels of the values they wrote and read, and after the
 * purchase pass, the last, the deposits and its sentinel — every
 * floating-point column the tick touches), while each block was in cache;
 * anything that writes household columns after it marks the census stale
 * (`work.censusTick = -1`: creditParty, bank bail-ins), and outside a tick
 * (tests, a state just built) there is none — then scanKernel takes it here.
 */
function scanHouseholds(m: LedgerCheck, byBank: Float64Array): number {
  const h = m.households;
  const work = m.runner.work;
  const taken = work.censusTick === m.tick;
  if (!taken) m.runner.run(Pass.scanLedger);
  work.censusTick = -1; // used once: a later check (a test corrupting the state) takes its own
  const total = sumCensus(work, CensusSum.deposits);
  // The tick's passes each had what they wrote or read summed (CENSUS_AFTER); scanKernel reads every column.
  let sentinel = sumCensus(work, CensusSum.sentinel);
  if (taken)
    sentinel += sumCensus(work, CensusSum.reservationWages) + sumCensus(work, CensusSum.incomeColumns);
  const nb = work.nBanks;
  for (let b = 0; b < work.blocks; b++) {
    for (let k = 0; k < nb; k++) byBank[k] += work.blockCensus[b * nb + k];
  }
  if (sentinel - sentinel !== 0 || total - total !== 0) {
    for (const [k, v] of Object.entries(h)) {
      if (v instanceof Float64Array || v instanceof Float32Array) {
        let sum = 0;
        for (let i = 0; i < v.length; i++) sum += v[i];
        if (sum - sum !== 0) findNonFinite(m, `households.${k}`, v);
      }
    }
  }
  return total;
}

/** The census pass over households [start, end), when no pass of this tick took it (see scanHouseholds). */
export function scanKernel(v: SliceView, _lane: number, block: number, start: number, end: number): void {
  const h = v.households;
  const { deposits, bank, wage, equityUnits, reservationWage, expectedIncome, plannedSpend } = h;
  const work = v.work;
  const nb = work.nBanks;
  const byBank = work.blockCensus;
  const bankBase = block * nb;
  for (let k = 0; k < nb; k++) byBank[bankBase + k] = 0;
  let total = 0;
  let sentinel = 0;
  for (let i = start; i < end; i++) {
    const d = deposits[i];
    byBank[bankBase + bank[i]] += d;
    total += d;
    sentinel += wage[i] + equityUnits[i] + reservationWage[i] + expectedIncome[i] + plannedSpend[i];
  }
  const base = block * CensusSums.stride;
  work.blockCensusSums[base + CensusSum.deposits] = total;
  work.blockCensusSums[base + CensusSum.sentinel] = sentinel;
}

/**
 * The ledger's census after a block of the separation pass (markets/labour.ts
 * separationKernel), run by the pass runner (kernels.ts) while the block is
 * in cache: the NaN sentinel of the reservation wages the pass wrote — those
 * of the block's job seekers, which it listed from index `start` on.
 */
export function censusAfterSeparation(v: SliceView, _lane: number, block: number, start: number): void {
  const work = v.work;
  const seekers = v.unemployed;
  const reservationWage = v.households.reservationWage;
  const to = start + work.blockCount[block];
  let sentinel = 0;
  for (let s = start; s < to; s++) sentinel += reservationWage[seekers[s]];
  work.blockCensusSums[block * CensusSums.stride + CensusSum.reservationWages] = sentinel;
}

/**
 * The ledger's census after a block of the income pass (agents/households.ts
 * incomeKernel), while the block is in cache: the NaN sentinel of the columns
 * the pass read and wrote — last wages (the wage earned, or the base of the
 * benefit), equity units, expected incomes and planned spending.
 */
export function censusAfterIncome(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const { wage, equityUnits, expectedIncome, plannedSpend } = v.households;
  let sentinel = 0;
  for (let i = start; i < end; i++)
    sentinel += wage[i] + equityUnits[i] + expectedIncome[i] + plannedSpend[i];
  v.work.blockCensusSums[block * CensusSums.stride + CensusSum.incomeColumns] = sentinel;
}

/**
 * The ledger's census after a block of the purchase pass (markets/goods.ts
 * purchaseKernel), the tick's last pass that writes household columns, while
 * the block is in cache: deposits by bank and in total, in the same order as
 * scanKernel's, and the NaN sentinel of the planned spending it read.
 */
export function censusAfterPurchase(
  v: SliceView,
  _lane: number,
  block: number,
  start: number,
  end: number,
): void {
  const { deposits, bank, plannedSpend } = v.households;
  const work = v.work;
  const nb = work.nBanks;
  const byBank = work.blockCensus;
  const bankBase = block * nb;
  for (let k = 0; k < nb; k++) byBank[bankBase + k] = 0;
  let total = 0;
  let sentinel = 0;
  for (let i = start; i < end; i++) {
    const d = deposits[i];
    byBank[bankBase + bank[i]] += d;
    total += d;
    sentinel += plannedSpend[i];
  }
  const base = block * CensusSums.stride;
  work.blockCensusSums[base + CensusSum.deposits] = total;
  work.blockCensusSums[base + CensusSum.sentinel] = sentinel;
}

/**
 * The end-of-tick check. Throws ModelFailure on any violation; otherwise
 * stores this tick's NFW as the base for the next tick's flow check and
 * clears the flow matrix.
 */
export function checkLedger(m: LedgerCheck): void {
  const { ledger } = m;
  // 3. Finite state first: a NaN would make every comparison below pass.
  checkStateFinite(m);

  const depositsByBank = m.scratch.bankSum;
  const loansByBank = m.scratch.bankSum2;
  depositsByBank.fill(0);
  loansByBank.fill(0);
  const householdDeposits = scanHouseholds(m, depositsByBank);

  const gross = measureNetFinancialWealth(m, ledger.nfw, householdDeposits);
  ledger.grossFinancialAssets = gross;
  const tol = 1e-9 * Math.max(1, gross);

  // 1. Each asset equals its counterpart liability.
  addBankCustomers(m, depositsByBank, loansByBank, tol);
  checkBanksAgainstCustomers(m.banks, m.centralBank, m.government, depositsByBank, loansByBank, m.tick, tol);
  // 2. Each sector's change in NFW equals its recorded flows.
  checkSectorFlows(ledger, m.tick, tol);

  ledger.lastNfw.set(ledger.nfw);
  ledger.flows.fill(0);
}

/** Every money column and scalar record, and the flow matrix, is finite (else the check fails naming it). */
function checkStateFinite(m: LedgerCheck): void {
  checkColumnsFinite(m);
  checkFiniteScalars(m, "centralBank", m.centralBank);
  checkFiniteScalars(m, "government", m.government);
  checkFiniteScalars(m, "macro", m.macro);
  checkFiniteScalars(m, "fund", m.fund);
  checkFiniteScalars(m, "utility", m.utility);
  checkFiniteScalars(m, "restOfWorld", m.restOfWorld);
  const flowSum = sumF64(m.ledger.flows);
  if (flowSum - flowSum !== 0) findNonFinite(m, "ledger.flows", m.ledger.flows);
}

/**
 * Adds the non-household customers' deposits and loans to the per-bank sums
 * (firms, chain firms, the fund, the utility, the rest of the world) and checks the chain's shares
 * and non-bank debt against their holders.
 */
function addBankCustomers(
  m: LedgerCheck,
  depositsByBank: Float64Array,
  loansByBank: Float64Array,
  tol: number,
): void {
  // The firms' part, by block of firms (checkColumnsFinite's census pass summed each block), in block order.
  const work = m.runner.work;
  const nb = work.nBanks;
  const byBank = work.blockFirmBank;
  for (let base = 0; base < byBank.length; base += 2 * nb) {
    for (let k = 0; k < nb; k++) {
      depositsByBank[k] += byBank[base + k];
      loansByBank[k] += byBank[base + nb + k];
    }
  }
  const chain = m.aiChain;
  let fundLoans = 0;
  for (let i = 0; i < chain.n; i++) {
    depositsByBank[chain.bank[i]] += chain.deposits[i];
    loansByBank[chain.bank[i]] += chain.bankLoans[i];
    fundLoans += chain.fundLoans[i];
    // Every share of a chain firm is held by another chain firm or by the fund.
    let held = m.fund.sharesHeld[i];
    for (let k = 0; k < chain.n; k++) held += chain.stakes[k * chain.n + i];
    if (Math.abs(held - chain.shares[i]) > 1e-9 * Math.max(1, chain.shares[i]))
      fail(m.tick, `shares@${chain.names[i]}`, chain.shares[i], held, "shares held vs shares outstanding");
  }
  depositsByBank[m.fund.bank] += m.fund.deposits;
  depositsByBank[m.utility.bank] += m.utility.deposits;
  loansByBank[m.utility.bank] += m.utility.loans;
  depositsByBank[m.restOfWorld.bank] += m.restOfWorld.deposits;
  if (Math.abs(fundLoans - m.fund.loans) > tol)
    fail(m.tick, "fundLoans", m.fund.loans, fundLoans, "chain firms' non-bank debt vs the fund's loans");
}

/**
 * Each bank's deposits and loans equal its customers' holdings and debt, its
 * balance sheet closes on its equity; reserves, the government's account and
 * bills match the central bank's and the government's books.
 */
export function checkBanksAgainstCustomers(
  b: Banks,
  cb: CentralBank,
  g: Government,
  depositsByBank: Float64Array,
  loansByBank: Float64Array,
  tick: number,
  tol: number,
): void {
  let reserves = 0;
  let bankBills = 0;
  for (let k = 0; k < b.n; k++) {
    if (Math.abs(depositsByBank[k] - b.deposits[k]) > tol)
      fail(
        tick,
        `deposits@bank${k}`,
        b.deposits[k],
        depositsByBank[k],
        "depositors' holdings vs bank liability",
      );
    if (Math.abs(loansByBank[k] - b.loans[k]) > tol)
      fail(tick, `loans@bank${k}`, b.loans[k], loansByBank[k], "borrowers' debt vs bank asset");
    const balance = b.reserves[k] + b.loans[k] + b.bills[k] - b.deposits[k];
    if (Math.abs(balance - b.equity[k]) > tol)
      fail(
        tick,
        `equity@bank${k}`,
        b.equity[k],
        balance,
        "balance-sheet net worth vs equity from income flows",
      );
    reserves += b.reserves[k];
    bankBills += b.bills[k];
  }
  if (Math.abs(reserves - cb.reserves) > tol)
    fail(tick, "reserves", cb.reserves, reserves, "banks' reserves vs central-bank liability");
  if (Math.abs(g.account - cb.govAccount) > tol)
    fail(
      tick,
      "governmentAccount",
      cb.govAccount,
      g.account,
      "government's balance vs central-bank liability",
    );
  if (Math.abs(bankBills + cb.bills - g.bills) > tol)
    fail(tick, "bills", g.bills, bankBills + cb.bills, "holders' bills vs government liability");
  const cbBalance = cb.bills - cb.reserves - cb.govAccount;
  if (Math.abs(cbBalance - cb.equity) > tol)
    fail(
      tick,
      "equity@centralBank",
      cb.equity,
      cbBalance,
      "balance-sheet net worth vs equity from income flows",
    );
}

/** Each sector's change in net financial wealth equals its recorded flows, and the sectors' wealth sums to 0. */
export function checkSectorFlows(ledger: LedgerState, tick: number, tol: number): void {
  let sum = 0;
  for (let s = 0; s < SECTOR_COUNT; s++) {
    let flow = 0;
    for (let r = 0; r < FLOW_ROW_COUNT; r++) flow += ledger.flows[r * SECTOR_COUNT + s];
    const change = ledger.nfw[s] - ledger.lastNfw[s];
    if (Math.abs(change - flow) > tol)
      fail(tick, `nfw_${SECTOR_NAMES[s]}`, flow, change, "change in net financial wealth vs recorded flows");
    sum += ledger.nfw[s];
  }
  if (Math.abs(sum) > tol) fail(tick, "nfw (all sectors)", 0, sum, "sum of net financial wealth");
}

/** A bank lends to a chain firm: the loan creates its deposit. */
export function grantChainBankLoan(m: Books, i: number, amount: number): void {
  const c = m.aiChain;
  const bank = c.bank[i];
  c.bankLoans[i] += amount;
  m.banks.loans[bank] += amount;
  c.deposits[i] += amount;
  m.banks.deposits[bank] += amount;
}

/** A chain firm repays bank principal out of its deposit. */
export function repayChainBankLoan(m: Books, i: number, amount: number): void {
  grantChainBankLoan(m, i, -amount);
}

/** The fund lends to (or buys bonds of) a chain firm: cash moves from the fund to the firm. */
export function fundLends(m: Books, i: number, amount: number): void {
  debitParty(m, Party.fund, 0, amount);
  creditParty(m, Party.aiFirm, i, amount);
  m.fund.loans += amount;
  m.aiChain.fundLoans[i] += amount;
}

/** A chain firm repays the fund (negative amounts are new lending). */
export function repayFund(m: Books, i: number, amount: number): void {
  fundLends(m, i, -amount);
}

/** A chain firm sells `amount` of new shares at its market price to the fund (investor −1) or another chain firm. */
export function issueChainEquity(m: Books, i: number, investor: number, amount: number): void {
  const c = m.aiChain;
  const newShares = amount / c.price[i];
  if (investor < 0) {
    debitParty(m, Party.fund, 0, amount);
    m.fund.sharesHeld[i] += newShares;
  } else {
    debitParty(m, Party.aiFirm, investor, amount);
    c.stakes[investor * c.n + i] += newShares;
  }
  creditParty(m, Party.aiFirm, i, amount);
  c.shares[i] += newShares;
}

/**
 * A payment between two chain firms that is not a purchase (vendor-loan
 * principal and interest, a guarantee honoured; agents/aiChain/circular.ts).
 * Both sides are in the chain sector, so its net financial wealth and the
 * flow matrix do not change; each firm's deposit does.
 */
export function transferWithinChain(m: Books, from: number, to: number, amount: number): void {
  debitParty(m, Party.aiFirm, from, amount);
  creditParty(m, Party.aiFirm, to, amount);
}

/**
 * An upstream chain firm lends to a customer chain firm (vendor financing;
 * a negative amount repays principal): the cash moves and the claim is
 * recorded in aiChain.vendorLoans — an asset of the lender and a liability
 * of the borrower, both inside the chain sector.
 */
export function vendorLends(m: Books, lender: number, borrower: number, amount: number): void {
  transferWithinChain(m, lender, borrower, amount);
  m.aiChain.vendorLoans[lender * m.aiChain.n + borrower] += amount;
}

/**
 * A vendor writes off part of what a defaulted customer owes it: the
 * lender's asset and the borrower's liability shrink together (a capital
 * transfer inside the chain sector; the sector's net financial wealth does
 * not change).
 */
export function writeOffVendorLoan(m: Books, lender: number, borrower: number, amount: number): void {
  m.aiChain.vendorLoans[lender * m.aiChain.n + borrower] -= amount;
}

/** Lenders write off part of a defaulted chain firm's debt: capital transfers to the chain. */
export function writeOffChainDebt(m: Books, i: number, bankLoss: number, fundLoss: number): void {
  const c = m.aiChain;
  const bank = c.bank[i];
  c.bankLoans[i] -= bankLoss;
  m.banks.loans[bank] -= bankLoss;
  m.banks.equity[bank] -= bankLoss;
  c.fundLoans[i] -= fundLoss;
  m.fund.loans -= fundLoss;
  recordFlow(m.ledger.flows, FlowRow.loanWriteOffs, Sector.banks, Sector.aiChain, bankLoss);
  recordFlow(m.ledger.flows, FlowRow.loanWriteOffs, Sector.privateCredit, Sector.aiChain, fundLoss);
}

/** A bank lends to the utility: the loan creates its deposit (negative amounts repay). */
export function grantUtilityLoan(m: Books, amount: number): void {
  const u = m.utility;
  u.loans += amount;
  m.banks.loans[u.bank] += amount;
  u.deposits += amount;
  m.banks.deposits[u.bank] += amount;
}

/**
 * A chain firm's opening balance sheet (agents/aiChain/init.ts): its deposit,
 * bank and market debt and shares outstanding, in model dollars. The
 * counterparts — the banks' loans and deposits, the fund's bonds and shares —
 * are opened from these (model/init.ts, createFund), so the first ledger
 * check sees them match.
 */
export function openChainBalanceSheet(
  c: Pick<AiChain, "deposits" | "bankLoans" | "fundLoans" | "shares">,
  i: number,
  deposits: number,
  bankLoans: number,
  fundLoans: number,
  shares: number,
): void {
  c.deposits[i] = deposits;
  c.bankLoans[i] = bankLoans;
  c.fundLoans[i] = fundLoans;
  c.shares[i] = shares;
}

/**
 * A chain firm pays the month's interest on its debt (agents/aiChain/finance.ts):
 * `bankInterest` from its deposit to its bank's equity (the bank's profit)
 * and `fundInterest` to the non-bank fund (the fund's income and its credit
 * book's income).
 */
export function payChainInterest(m: Books, i: number, bankInterest: number, fundInterest: number): void {
  const bank = m.aiChain.bank[i];
  debitParty(m, Party.aiFirm, i, bankInterest);
  creditParty(m, Party.bank, bank, bankInterest);
  m.banks.profit[bank] += bankInterest;
  recordFlow(m.ledger.flows, FlowRow.loanInterest, Sector.aiChain, Sector.banks, bankInterest);
  debitParty(m, Party.aiFirm, i, fundInterest);
  creditParty(m, Party.fund, 0, fundInterest);
  m.fund.income += fundInterest;
  m.fund.creditIncome += fundInterest;
  recordFlow(m.ledger.flows, FlowRow.loanInterest, Sector.aiChain, Sector.privateCredit, fundInterest);
}

/**
 * A chain firm pays `amount` of dividends (agents/aiChain/finance.ts) to
 * every holder in proportion to shares: the chain firms that hold its stock
 * (inside the chain sector, no flow recorded) and the fund (its income).
 * The caller checks that amount and shares outstanding are positive.
 */
export function payChainDividends(m: Books, i: number, amount: number): void {
  const c = m.aiChain;
  const perShare = amount / c.shares[i];
  const toFund = m.fund.sharesHeld[i] * perShare;
  debitParty(m, Party.aiFirm, i, amount);
  for (let h = 0; h < c.n; h++) {
    const x = c.stakes[h * c.n + i] * perShare;
    if (x <= 0) continue;
    creditParty(m, Party.aiFirm, h, x);
  }
  creditParty(m, Party.fund, 0, toFund);
  m.fund.income += toFund;
  recordFlow(m.ledger.flows, FlowRow.dividends, Sector.aiChain, Sector.privateCredit, toFund);
}

/**
 * A firm's loan and deposit, written together: its opening balance sheet
 * (model/init.ts initFirms; the banks' counterparts are opened from these by
 * openBanks, so the first ledger check sees them match) and its balances
 * after its turn in the credit visit (markets/credit.ts financeFirms: the
 * visit carries the two in locals while the banks' sides move entry by entry
 * — lendToRecord, interestFromRecord, repaidByRecord — and this settles the
 * firm's side to match).
 */
export function setFirmBalances(
  f: Pick<Firms, "loans" | "deposits">,
  j: number,
  loans: number,
  deposits: number,
): void {
  f.loans[j] = loans;
  f.deposits[j] = deposits;
}

/**
 * The banks' opening balance sheets (model/init.ts initBanks): each bank's
 * deposits and loans are the sum of its customers' — households, firms,
 * chain firms, the fund — opened before; bills are split in proportion to
 * deposits, equity is `targetCapitalRatio` of loans, and reserves close each
 * balance sheet (assets = liabilities + equity).
 */
export function openBanks(
  banks: Pick<Banks, "n" | "deposits" | "loans" | "bills" | "equity" | "reserves">,
  households: Pick<Households, "n" | "bank" | "deposits">,
  firms: Pick<Firms, "n" | "bank" | "deposits" | "loans">,
  aiChain: Pick<AiChain, "n" | "bank" | "deposits" | "bankLoans">,
  fund: Pick<Fund, "bank" | "deposits">,
  targetCapitalRatio: number,
  bankBillsTotal: number,
): void {
  for (let i = 0; i < households.n; i++) banks.deposits[households.bank[i]] += households.deposits[i];
  for (let k = 0; k < firms.n; k++) {
    banks.deposits[firms.bank[k]] += firms.deposits[k];
    banks.loans[firms.bank[k]] += firms.loans[k];
  }
  for (let i = 0; i < aiChain.n; i++) {
    banks.deposits[aiChain.bank[i]] += aiChain.deposits[i];
    banks.loans[aiChain.bank[i]] += aiChain.bankLoans[i];
  }
  banks.deposits[fund.bank] += fund.deposits;
  let depositTotal = 0;
  for (let k = 0; k < banks.n; k++) depositTotal += banks.deposits[k];
  for (let k = 0; k < banks.n; k++) {
    banks.bills[k] = (bankBillsTotal * banks.deposits[k]) / depositTotal;
    banks.equity[k] = targetCapitalRatio * banks.loans[k];
    banks.reserves[k] = banks.equity[k] + banks.deposits[k] - banks.loans[k] - banks.bills[k];
  }
}

/**
 * The central bank's reserves after the credit visit (markets/credit.ts):
 * the visit carries them in a local as interestFromRecord moves them with
 * the banks' reserves, and settles them here (before a default is resolved
 * and at the end).
 */
export function settleCentralBankReserves(cb: Pick<CentralBank, "reserves">, reserves: number): void {
  cb.reserves = reserves;
}

/**
 * The fund's net asset value, marked to market (agents/fund.ts updateFund):
 * its deposits plus its loans to the chain plus its chain shares at their
 * price. A revaluation, not a payment: no counterpart moves.
 */
export function markFundNav(f: Pick<Fund, "nav">, nav: number): void {
  f.nav = nav;
}

/** A configured cross-holding at the start: `investor` holds `shares` more shares of `investee` (inside the chain sector). */
export function openChainStake(
  c: Pick<AiChain, "n" | "stakes">,
  investor: number,
  investee: number,
  shares: number,
): void {
  c.stakes[investor * c.n + investee] += shares;
}

/**
 * A vendor loan's claim grows by `amount` (negative: shrinks) without cash
 * moving: unpaid interest capitalised less principal repaid, the cash of
 * the payment having moved through transferWithinChain
 * (agents/aiChain/circular.ts serviceVendorLoans). Both sides are in the
 * chain sector.
 */
export function accrueVendorLoan(
  c: Pick<AiChain, "n" | "vendorLoans">,
  lender: number,
  borrower: number,
  amount: number,
): void {
  c.vendorLoans[lender * c.n + borrower] += amount;
}

/**
 * The short sellers' book (agents/aiChain/shortSellers.ts): a notional
 * position the fund's managers run against the chain's stocks. Its cash and
 * borrowed shares are outside every sector's balance sheet (they are not
 * counted in measureNetFinancialWealth), but they move only here.
 */
export interface ShortBookBalances {
  /** Shares of each chain firm borrowed and sold (≥ 0). */
  shares: Float64Array;
  /** Proceeds of short sales plus capital, less the cost of covering and fees. */
  cash: number;
}

/** Capital moved into the short book from the fund's long book (negative: back). */
export function fundShortBook(book: ShortBookBalances, amount: number): void {
  book.cash += amount;
}

/** The short book sells `q` shares of firm i at `price` (negative q: covers, paying for the shares). */
export function tradeShortBook(book: ShortBookBalances, i: number, q: number, price: number): void {
  book.shares[i] += q;
  book.cash += q * price;
}

/** The month's borrow fee leaves the short book. */
export function chargeShortBook(book: ShortBookBalances, fee: number): void {
  book.cash -= fee;
}

/** The chain's record of its short book takes the book's cash after the month's trades. */
export function closeShortBook(c: Pick<AiChain, "shortCash">, book: ShortBookBalances): void {
  c.shortCash = book.cash;
}
