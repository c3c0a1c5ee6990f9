// The kinds of model the engine runs, by `config.model` (configs/schema.json
// "model"): the one place that maps a config to its model; everything else
// in the engine holds a ModelKind or a Model (engine/model.ts).
import type { SpiralConfig } from "../config/index.ts";
import { CORE_MODEL } from "./coreModel.ts";
import { LENGNICK_MODEL } from "./lengnickModel.ts";
import type { ModelKind } from "./model.ts";

const MODEL_KINDS: Readonly<Record<SpiralConfig["model"], ModelKind>> = {
  spiral: CORE_MODEL,
  lengnick2013: LENGNICK_MODEL,
};

/** The kind of model `config` selects. */
export function modelKind(config: SpiralConfig): ModelKind {
  return MODEL_KINDS[config.model];
}
