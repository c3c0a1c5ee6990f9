// Every kind of event a run writes to events.ndjson, declared once: its
// type, when it happens, and its fields with their units. The model's
// emitters are type-checked against this list (ModelEvent is derived from
// it: an undeclared type, a missing field or an extra one does not compile),
// docs/outputs.md is generated from it (npm run gen:docs), and
// tests/events.declared.test.ts checks that real runs write only declared
// events with exactly their declared fields. Each line of events.ndjson is
// {"tick":n,"date":"YYYY-MM","type":…, …the fields in this order}.
// Money is in USD billions at real-US scale, as in the series.

/** One field of an event, after tick, date and type. */
export interface EventField {
  readonly name: string;
  /** JSON type: an integer, any number, or a string. */
  readonly type: "int" | "float" | "string";
  readonly unit: string;
  readonly description: string;
}

/** One kind of event. */
export interface EventType {
  readonly type: string;
  /** When it is written, in words. */
  readonly description: string;
  /** Where in src/model it is emitted. */
  readonly source: string;
  readonly fields: readonly EventField[];
}

/** The AI-chain firm an event is about, by its configured name (aiChain.firms[].name). */
const chainFirm = {
  name: "firm",
  type: "string",
  unit: "name",
  description: "AI-chain firm (aiChain.firms[].name)",
} as const;

/** The non-AI firm a firmDefault or firmExit is about, its sector and its workers. */
const nonAiFirm = {
  name: "firm",
  type: "int",
  unit: "index",
  description: "Firm index (0 … consumption firms − 1 are consumption-goods firms)",
} as const;
const nonAiSector = {
  name: "sector",
  type: "string",
  unit: "consumption | capital",
  description: "The firm's sector",
} as const;
const laidOffWorkers = {
  name: "employees",
  type: "int",
  unit: "households",
  description: "Its workers (simulated households), who become unemployed",
} as const;

/** Every event type, in the order docs/outputs.md lists them. */
export const EVENT_TYPES = [
  {
    type: "firmDefault",
    description:
      "A non-AI firm cannot repay its bank loan: its deposits are seized against the loan, the rest is written off at banks.lossGivenDefault, and a successor firm takes its place.",
    source: "src/model/markets/credit.ts",
    fields: [
      nonAiFirm,
      nonAiSector,
      { name: "loansUsdBn", type: "float", unit: "USD bn", description: "Its bank loans before the default" },
      { name: "writeOffUsdBn", type: "float", unit: "USD bn", description: "Loss written off by its bank" },
      laidOffWorkers,
    ],
  },
  {
    type: "firmExit",
    description:
      "A small, loss-making non-AI firm whose assets still cover its debt closes voluntarily (firms.exit): its deposits repay its loan, a successor firm buys its capital for the rest and takes its place; no loss is written off.",
    source: "src/model/markets/credit.ts",
    fields: [
      nonAiFirm,
      nonAiSector,
      { name: "loansUsdBn", type: "float", unit: "USD bn", description: "Its bank loans before it closed" },
      laidOffWorkers,
    ],
  },
  {
    type: "bankFailure",
    description:
      "A bank's equity is negative: it is recapitalised by the government (government.depositInsurance) or its depositors are bailed in, back to banks.targetCapitalRatio.",
    source: "src/model/agents/banks.ts",
    fields: [
      { name: "bank", type: "int", unit: "index", description: "Bank index" },
      {
        name: "resolution",
        type: "string",
        unit: "recapitalised | bail-in",
        description: "How the failure was resolved",
      },
      {
        name: "costUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Paid by the government, or lost by depositors",
      },
    ],
  },
  {
    type: "policyOverrideStart",
    description:
      "A decided period of centralBank.overrides begins: the policy rate is held at its rate instead of the rule's (rateYearly), or the rule's rate is shifted (addYearly).",
    source: "src/model/agents/centralBank.ts",
    fields: [
      {
        name: "rateYearly",
        type: "float",
        unit: "decimal per year",
        description: "The rate held, or with a shift the rate set in the first month (rule's rate + shifts)",
      },
      { name: "untilTick", type: "int", unit: "tick", description: "Last tick of the override" },
    ],
  },
  {
    type: "policyOverrideEnd",
    description: "The month after an override's last tick: the rule sets the rate again.",
    source: "src/model/agents/centralBank.ts",
    fields: [
      {
        name: "rule",
        type: "string",
        unit: "taylor | path",
        description: "The rule now in force (centralBank.rule)",
      },
    ],
  },
  {
    type: "policyRateStep",
    description:
      'With centralBank.rule = "path": the policy rate changes (a step of centralBank.path begins, or an override begins or ends). Under the Taylor rule the rate moves every month and no event is written.',
    source: "src/model/agents/centralBank.ts",
    fields: [
      {
        name: "fromYearly",
        type: "float",
        unit: "decimal per year",
        description: "Policy rate before the step",
      },
      {
        name: "toYearly",
        type: "float",
        unit: "decimal per year",
        description: "Policy rate after the step",
      },
    ],
  },
  {
    type: "crisisStart",
    description:
      "A crisis begins: one or more of the metrics.crisis* thresholds is crossed (the series' crisis column turns 1).",
    source: "src/model/metrics.ts",
    fields: [
      {
        name: "reasons",
        type: "string",
        unit: "comma-separated list",
        description: "Thresholds crossed: outputDrop, equityDrawdown, defaultWave, spreadSpike, bankFailure",
      },
    ],
  },
  {
    type: "crisisEnd",
    description: "No crisis threshold is crossed any more (the crisis column turns 0).",
    source: "src/model/metrics.ts",
    fields: [],
  },
  {
    type: "contractSigned",
    description:
      "An AI lab signs a compute contract with the cloud that has the least backlog per GW, for the gap between the compute its expected revenue needs and what it has contracted (contracts under USD 1 in all are rounding residue and not signed).",
    source: "src/model/agents/aiChain/plans.ts",
    fields: [
      { name: "buyer", type: "string", unit: "name", description: "The lab" },
      { name: "seller", type: "string", unit: "name", description: "The cloud" },
      {
        name: "totalUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Value of the contract over its life",
      },
      {
        name: "months",
        type: "int",
        unit: "months",
        description: "Its length (aiChain.expectations.newContractMonths)",
      },
    ],
  },
  {
    type: "contractCancelled",
    description:
      "An AI lab whose cash covers less than two months of its contract instalments and running costs cancels its largest remaining contract, paying the seller a penalty (at most half its cash).",
    source: "src/model/agents/aiChain/plans.ts",
    fields: [
      { name: "buyer", type: "string", unit: "name", description: "The lab" },
      { name: "seller", type: "string", unit: "name", description: "The cloud" },
      {
        name: "remainingUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Value of the months left, lost to the seller's backlog",
      },
      { name: "penaltyUsdBn", type: "float", unit: "USD bn", description: "Penalty paid to the seller" },
    ],
  },
  {
    type: "equityRoundShort",
    description:
      "An AI lab's equity round raises less than half of what it wanted (the non-bank fund's appetite is spent).",
    source: "src/model/agents/aiChain/finance.ts",
    fields: [
      chainFirm,
      { name: "wantedUsdBn", type: "float", unit: "USD bn", description: "Equity the lab sought" },
      { name: "raisedUsdBn", type: "float", unit: "USD bn", description: "Equity it raised" },
    ],
  },
  {
    type: "capexCut",
    description: "An AI-chain firm cannot fund this month's capacity order and cuts it by the shortfall.",
    source: "src/model/agents/aiChain/finance.ts",
    fields: [
      chainFirm,
      { name: "cutUsdBn", type: "float", unit: "USD bn", description: "Capex cancelled this month" },
    ],
  },
  {
    type: "chainDebtDefault",
    description:
      "An AI-chain firm misses a debt payment that no lender will roll over at its default probability: it is in default (resolved at month end, see chainDefault).",
    source: "src/model/agents/aiChain/finance.ts",
    fields: [
      chainFirm,
      {
        name: "reason",
        type: "string",
        unit: "refinancingFailed | missedInterest",
        description: "Principal that could not be refinanced, or interest beyond its cash",
      },
      { name: "shortfallUsdBn", type: "float", unit: "USD bn", description: "The payment it could not make" },
      {
        name: "pdYearly",
        type: "float",
        unit: "decimal per year",
        description: "Its default probability (distance to default) at the time",
      },
    ],
  },
  {
    type: "chainPaymentDefault",
    description:
      "An AI-chain firm cannot pay its contracted obligations to other chain firms in full (Eisenberg–Noe clearing): it is in default (resolved at month end, see chainDefault).",
    source: "src/model/agents/aiChain/settlement.ts",
    fields: [
      chainFirm,
      {
        name: "owedUsdBn",
        type: "float",
        unit: "USD bn",
        description: "What it owed other chain firms this month",
      },
      { name: "paidUsdBn", type: "float", unit: "USD bn", description: "What the clearing let it pay" },
    ],
  },
  {
    type: "chainDefault",
    description:
      "Month end: an AI-chain firm in default is resolved. Reorganised (as in a Chapter 11): its lenders seize its cash and write off the debt its business cannot carry, its shares are repriced on the reorganised balance sheet, it keeps its customers and the compute contracts its operating cash flow can pay for (the rest are rejected), cancels the equity investments it had announced, and keeps operating with new maturities. Or liquidated (see chainLiquidation).",
    source: "src/model/agents/aiChain/defaults.ts",
    fields: [
      chainFirm,
      {
        name: "debtUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Its bank loans, bonds and private credit before the default",
      },
      { name: "bankLossUsdBn", type: "float", unit: "USD bn", description: "Written off by its bank" },
      {
        name: "fundLossUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Written off by the non-bank fund",
      },
      {
        name: "contractsRejectedUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Remaining value of its contracts as buyer, rejected",
      },
    ],
  },
  // --- Credit that can run and defaults that resolve (issue 18 items 4–5) ---
  {
    type: "chainDowngrade",
    description:
      "An AI-chain firm's rating falls one grade (ratings follow its CDS spread slowly, aiChain/credit.ts). A fall from BBB to BB takes it out of investment grade: holders restricted to investment grade sell, and its spread jumps by aiChain.finance.fallenAngelPremiumBp.",
    source: "src/model/agents/aiChain/finance.ts",
    fields: [
      chainFirm,
      {
        name: "fromRating",
        type: "string",
        unit: "AA | A | BBB | BB | B | CCC | CC",
        description: "Grade before",
      },
      {
        name: "toRating",
        type: "string",
        unit: "AA | A | BBB | BB | B | CCC | CC",
        description: "Grade after",
      },
    ],
  },
  {
    type: "refinancingFailed",
    description:
      "Principal an AI-chain firm owes this month (a maturity, or secured debt above its borrowing base) exceeds its cash and no lender will roll it over: it is in default (see chainDebtDefault).",
    source: "src/model/agents/aiChain/finance.ts",
    fields: [
      chainFirm,
      {
        name: "amountUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Principal it could neither pay nor refinance",
      },
    ],
  },
  {
    type: "fundRedemptionWave",
    description:
      "Households' net redemptions from the private-credit fund rise above aiChain.finance.redemptionWaveShare of its credit book in a month (written when a wave starts).",
    source: "src/model/agents/fund.ts",
    fields: [
      {
        name: "redemptionsUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Net redemptions due next month",
      },
      {
        name: "navUsdBn",
        type: "float",
        unit: "USD bn",
        description: "The fund's net asset value (credit and equity)",
      },
    ],
  },
  {
    type: "chainLiquidation",
    description:
      "Month end: an AI-chain firm in default cannot be reorganised — its operating cash flow does not cover its operating costs, or it was reorganised before and its revenue has not recovered — so it is liquidated: its data centres and GPUs are sold at aiChain.finance.liquidationDiscount to the surviving cloud with the most capacity, which also takes its customers and its contracts as seller; its lenders get the proceeds, and it exits.",
    source: "src/model/agents/aiChain/defaults.ts",
    fields: [
      chainFirm,
      {
        name: "buyer",
        type: "string",
        unit: "name",
        description: "The firm that took its capacity and customers ('' if none)",
      },
      {
        name: "capacityGw",
        type: "float",
        unit: "GW",
        description: "Capacity in service and under construction sold",
      },
      { name: "saleUsdBn", type: "float", unit: "USD bn", description: "What the buyer paid" },
    ],
  },
  // Issue 18 item 6 (agents/aiChain/shortSellers.ts).
  {
    type: "shortCovering",
    description:
      "The short book's equity falls below its maintenance margin (aiChain.shortSellers.maintenanceMargin) and it covers positions by force — buying that pushes prices up (a squeeze).",
    source: "src/model/agents/aiChain/valuation.ts",
    fields: [
      {
        name: "coveredUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Shares bought back, at this month's prices",
      },
    ],
  },
  // --- Circular financing by decision (src/model/agents/aiChain/circular.ts) ---
  {
    type: "vendorFinancing",
    description:
      "An upstream firm (chip maker or hyperscaler) lends to a customer cloud short of cash for the orders it places with it, against the customer's backlog (aiChain.circular).",
    source: "src/model/agents/aiChain/circular.ts",
    fields: [
      { ...chainFirm, description: "The lender (aiChain.firms[].name)" },
      { name: "customer", type: "string", unit: "name", description: "The borrowing customer" },
      { name: "amountUsdBn", type: "float", unit: "USD bn", description: "Lent this month" },
      {
        name: "outstandingUsdBn",
        type: "float",
        unit: "USD bn",
        description: "The lender's vendor loans to this customer after the deal",
      },
    ],
  },
  {
    type: "equityForCompute",
    description:
      "An upstream firm buys new shares of a customer short of cash for the orders it places with it; the cash comes back as those orders (aiChain.circular).",
    source: "src/model/agents/aiChain/circular.ts",
    fields: [
      { ...chainFirm, description: "The investor (aiChain.firms[].name)" },
      { name: "customer", type: "string", unit: "name", description: "The firm invested in" },
      { name: "amountUsdBn", type: "float", unit: "USD bn", description: "Invested this month" },
      {
        name: "stakeShare",
        type: "float",
        unit: "share",
        description: "The investor's share of the customer's equity after the deal",
      },
    ],
  },
  {
    type: "backstopWritten",
    description:
      "An upstream firm commits to buy a customer cloud's unused capacity up to a limit (a backstop, called as a guarantee if the cloud defaults; aiChain.circular).",
    source: "src/model/agents/aiChain/circular.ts",
    fields: [
      { ...chainFirm, description: "The guarantor (aiChain.firms[].name)" },
      { name: "customer", type: "string", unit: "name", description: "The cloud backstopped" },
      { name: "limitUsdBn", type: "float", unit: "USD bn", description: "Most the guarantor pays" },
      { name: "months", type: "int", unit: "months", description: "How long the backstop runs" },
    ],
  },
  {
    type: "guaranteeCalled",
    description:
      "Month end, before defaults are resolved: a cloud with a backstop is in default, so the guarantor pays what is left of the backstop's limit (up to the lenders' loss given default) to the cloud's lenders, which reduces their write-off.",
    source: "src/model/agents/aiChain/circular.ts",
    fields: [
      { ...chainFirm, description: "The guarantor (aiChain.firms[].name)" },
      { name: "customer", type: "string", unit: "name", description: "The defaulting cloud" },
      { name: "paidUsdBn", type: "float", unit: "USD bn", description: "Paid to the cloud's lenders" },
    ],
  },
  {
    type: "vendorLoanWrittenDown",
    description:
      "Month end, before defaults are resolved: a customer with vendor loans is in default, so its vendor writes off the loss given default (aiChain.finance.lossGivenDefault) of what it is owed.",
    source: "src/model/agents/aiChain/circular.ts",
    fields: [
      { ...chainFirm, description: "The lender (aiChain.firms[].name)" },
      { name: "customer", type: "string", unit: "name", description: "The defaulting customer" },
      { name: "writtenDownUsdBn", type: "float", unit: "USD bn", description: "Written off" },
      {
        name: "remainingUsdBn",
        type: "float",
        unit: "USD bn",
        description: "Still owed after the write-off",
      },
    ],
  },
] as const satisfies readonly EventType[];

/** The names of the declared event types. */
export type EventTypeName = (typeof EVENT_TYPES)[number]["type"];

type FieldValue<F extends EventField> = F["type"] extends "string" ? string : number;
type Declared = (typeof EVENT_TYPES)[number];
type EventOf<D extends Declared> = { type: D["type"] } & {
  [F in D["fields"][number] as F["name"]]: FieldValue<F>;
};

/**
 * Something worth logging that happened in a tick: one of EVENT_TYPES with
 * exactly its fields (the compiler checks each emitter against the list).
 */
export type ModelEvent = { [K in EventTypeName]: EventOf<Extract<Declared, { type: K }>> }[EventTypeName];

/** The declaration of an event type, or undefined if it is not declared. */
export function eventType(type: string): EventType | undefined {
  return (EVENT_TYPES as readonly EventType[]).find((e) => e.type === type);
}
