import type { ImportKind } from "../kinds";
import { accountsStage } from "./accounts";
import { eventsStage } from "./events";
import { ordersStage } from "./orders";
import { technologiesStage } from "./technologies";
import type { StageSpec } from "./types";

export const STAGES: Readonly<Record<ImportKind, StageSpec>> = {
  accounts: accountsStage as StageSpec,
  orders: ordersStage as StageSpec,
  events: eventsStage as StageSpec,
  technologies: technologiesStage as StageSpec,
};
