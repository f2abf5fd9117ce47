import { describe, expect, test } from "vitest";
import type { CampaignChannel, CampaignOutcome } from "@/lib/generated/prisma/enums";
import { bestChannel, OUTCOME_WEIGHTS, suggestedChannel, type BestChannel, type CampaignResponseFact } from "@/lib/plays/channel";

function r(channel: CampaignChannel, respondedAt: string, outcome: CampaignOutcome): CampaignResponseFact {
  return { channel, respondedAt, outcome };
}

function winner(result: BestChannel): CampaignChannel {
  if (result.channel === null) throw new Error(`expected a channel, got: ${result.reason}`);
  return result.channel;
}

describe("bestChannel", () => {
  test("the product's example: webinar with registrations beats more email opens", () => {
    const result = bestChannel([
      r("WEBINAR", "2026-03-12", "REGISTERED"),
      r("WEBINAR", "2026-01-20", "REGISTERED"),
      r("WEBINAR", "2025-11-02", "OPENED"),
      r("EMAIL", "2026-03-14", "OPENED"),
      r("EMAIL", "2026-03-01", "OPENED"),
      r("EMAIL", "2026-02-01", "OPENED"),
      r("EMAIL", "2026-01-01", "NO_RESPONSE"),
    ]);
    expect(winner(result)).toBe("WEBINAR");
    expect(result.channel !== null && result.evidence).toEqual({
      channel: "WEBINAR",
      label: "Webinar",
      score: 7,
      responses: 3,
      total: 3,
      outcomes: { REGISTERED: 2, OPENED: 1 },
      lastResponseAt: "2026-03-12",
      optedOutAt: null,
      summary: "Webinar: 3 responses, 2 registered, 1 opened, last 12 Mar 2026",
    });
    expect(result.ranking.map((e) => [e.channel, e.score])).toEqual([
      ["WEBINAR", 7],
      ["EMAIL", 3],
    ]);
    expect(result.ranking[1]?.summary).toBe("Email: 3 responses, 3 opened, last 14 Mar 2026");
    expect(result.ranking[1]?.total).toBe(4);
  });

  test("positive outcomes weigh more than opens and clicks, in funnel order", () => {
    const w = OUTCOME_WEIGHTS;
    expect(w.NO_RESPONSE).toBe(0);
    expect(w.UNSUBSCRIBED).toBe(0);
    expect(w.OPENED).toBeLessThan(w.CLICKED);
    expect(w.CLICKED).toBeLessThan(w.REGISTERED);
    expect(w.REGISTERED).toBeLessThan(w.ATTENDED);
    expect(w.ATTENDED).toBeLessThan(w.MEETING_BOOKED);
    expect(w.MEETING_BOOKED).toBeLessThan(w.CONVERTED);
    // One meeting booked by phone beats five email opens.
    expect(winner(bestChannel([r("PHONE", "2025-06-01", "MEETING_BOOKED"), ...Array.from({ length: 5 }, () => r("EMAIL", "2026-03-01", "OPENED"))]))).toBe("PHONE");
  });

  test("a tie in score goes to the most recent engaged response", () => {
    const responses = [r("EVENT", "2026-02-10", "ATTENDED"), r("WEBINAR", "2026-03-05", "ATTENDED"), r("PHONE", "2025-12-01", "REPLIED")];
    const result = bestChannel(responses);
    expect(winner(result)).toBe("WEBINAR");
    expect(result.ranking.map((e) => e.channel)).toEqual(["WEBINAR", "EVENT", "PHONE"]);
    // Order of input does not matter.
    expect(winner(bestChannel([...responses].reverse()))).toBe("WEBINAR");
  });

  test("recency counts engaged responses only: a later non-response does not win the tie", () => {
    const result = bestChannel([
      r("EMAIL", "2026-01-10", "CLICKED"),
      r("EMAIL", "2026-03-14", "NO_RESPONSE"),
      r("DIRECT_MAIL", "2026-02-01", "CLICKED"),
    ]);
    expect(winner(result)).toBe("DIRECT_MAIL");
    expect(result.ranking[1]).toMatchObject({ channel: "EMAIL", lastResponseAt: "2026-01-10", total: 2, responses: 1 });
  });

  test("equal score and date: schema order decides, so the answer is stable", () => {
    const result = bestChannel([r("PHONE", "2026-03-01", "CLICKED"), r("EMAIL", "2026-03-01", "CLICKED")]);
    expect(winner(result)).toBe("EMAIL");
  });

  test("accepts Date objects (Prisma date columns) as their UTC day", () => {
    const result = bestChannel([{ channel: "EVENT", respondedAt: new Date("2026-03-12T00:00:00Z"), outcome: "ATTENDED" }]);
    expect(result.channel !== null && result.evidence.summary).toBe("Event: 1 response, 1 attended, last 12 Mar 2026");
  });

  test("meetings are counted in words that read well", () => {
    const result = bestChannel([r("PHONE", "2026-03-01", "MEETING_BOOKED"), r("PHONE", "2026-02-01", "MEETING_BOOKED"), r("PHONE", "2026-01-01", "CONVERTED")]);
    expect(result.channel !== null && result.evidence.summary).toBe("Phone: 3 responses, 1 converted, 2 meetings booked, last 1 Mar 2026");
  });

  test("a channel whose latest response is an unsubscribe is not suggested", () => {
    const result = bestChannel([
      r("EMAIL", "2026-01-01", "CONVERTED"),
      r("EMAIL", "2026-02-01", "MEETING_BOOKED"),
      r("EMAIL", "2026-03-01", "UNSUBSCRIBED"),
      r("PAID_SOCIAL", "2025-10-01", "CLICKED"),
    ]);
    expect(winner(result)).toBe("PAID_SOCIAL");
    expect(result.ranking.map((e) => e.channel)).toEqual(["PAID_SOCIAL", "EMAIL"]);
    expect(result.ranking[1]).toMatchObject({ optedOutAt: "2026-03-01", summary: "Email: unsubscribed 1 Mar 2026" });
  });

  test("engagement after an unsubscribe counts again; on the same day the opt-out wins", () => {
    expect(winner(bestChannel([r("EMAIL", "2026-01-01", "UNSUBSCRIBED"), r("EMAIL", "2026-02-01", "REPLIED")]))).toBe("EMAIL");
    const sameDay = bestChannel([r("EMAIL", "2026-02-01", "REPLIED"), r("EMAIL", "2026-02-01", "UNSUBSCRIBED")]);
    expect(sameDay.channel).toBeNull();
  });

  test("no responses: null with a reason", () => {
    expect(bestChannel([])).toEqual({ channel: null, reason: "No campaign responses on record.", ranking: [] });
  });

  test("only non-responses: null with a reason and the evidence", () => {
    const result = bestChannel([r("EMAIL", "2026-01-01", "NO_RESPONSE"), r("EMAIL", "2026-02-01", "NO_RESPONSE"), r("PHONE", "2026-02-01", "UNSUBSCRIBED")]);
    expect(result.channel).toBeNull();
    expect(result.channel === null && result.reason).toBe("None of its 3 campaign responses shows any engagement (only no response or unsubscribed).");
    expect(result.ranking.map((e) => e.summary)).toEqual(["Email: no engagement in 2 campaigns", "Phone: unsubscribed 1 Feb 2026"]);
    const one = bestChannel([r("EMAIL", "2026-01-01", "NO_RESPONSE")]);
    expect(one.channel === null && one.reason).toBe("Its one campaign response shows no engagement (only no response or unsubscribed).");
  });

  test("engaged only on channels since unsubscribed: null, and the reason says so", () => {
    const result = bestChannel([r("EMAIL", "2026-01-01", "CLICKED"), r("EMAIL", "2026-02-01", "UNSUBSCRIBED"), r("PHONE", "2026-02-01", "NO_RESPONSE")]);
    expect(result.channel === null && result.reason).toBe("It engaged only on channels it has since unsubscribed from (Email).");
  });
});

describe("suggestedChannel", () => {
  const responses = [r("WEBINAR", "2026-03-12", "ATTENDED")];

  test("a fixed channel is used as is, whatever the responses", () => {
    expect(suggestedChannel("PHONE", responses)).toEqual({ kind: "fixed", channel: "PHONE", label: "Phone" });
  });

  test("BEST picks the account's best channel with its evidence", () => {
    const result = suggestedChannel("BEST", responses);
    expect(result.kind === "best" && result.best.channel).toBe("WEBINAR");
    expect(suggestedChannel("BEST", [])).toEqual({ kind: "best", best: { channel: null, reason: "No campaign responses on record.", ranking: [] } });
  });
});
