/**
 * The OpenAPI document: public at /api/v1/openapi.json, OpenAPI 3.1, one operation per entry of
 * ENDPOINTS with the boundary's bearer scheme, error answers, RateLimit headers and, on idempotent
 * endpoints, the Idempotency-Key header. And no /api/v1 path is redirected to the sign-in page.
 */
import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { GET } from "@/app/api/v1/openapi.json/route";
import { defineEndpoint } from "@/lib/api/endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { proxy } from "@/proxy";

interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; headers?: Record<string, unknown> }>;
}
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown>; responses: Record<string, { headers?: Record<string, unknown> }> };
};

describe("GET /api/v1/openapi.json", () => {
  test("answers without a key, as JSON", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await response.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error).toBeDefined();
  });

  test("every endpoint is documented once, with its errors, headers and security", async () => {
    const doc = (await (await GET()).json()) as Doc;
    expect(ENDPOINTS.length).toBeGreaterThan(0);
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.map((op) => op.operationId).sort()).toEqual(ENDPOINTS.map((e) => e.id).sort());
    for (const endpoint of ENDPOINTS) {
      const op = doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(op, endpoint.id).toBeDefined();
      expect(op!.security).toEqual([{ bearerAuth: [] }]);
      const success = op!.responses[String(endpoint.status ?? 200)];
      expect(success?.headers, endpoint.id).toHaveProperty("RateLimit-Remaining");
      for (const status of ["401", "403", "422", "429"]) expect(op!.responses[status], `${endpoint.id} ${status}`).toBeDefined();
      if (endpoint.body) {
        expect(op!.requestBody, endpoint.id).toBeDefined();
        expect(op!.responses["413"]).toEqual({ $ref: "#/components/responses/TooLarge" });
        expect(op!.responses["400"]).toEqual({ $ref: "#/components/responses/Malformed" });
      }
      const idempotency = op!.parameters?.find((p) => p.in === "header" && p.name === "Idempotency-Key");
      expect(Boolean(idempotency), endpoint.id).toBe(Boolean(endpoint.idempotent));
      if (endpoint.idempotent) expect(op!.responses["409"]).toBeDefined();
      for (const name of endpoint.path.match(/\{(\w+)\}/g) ?? []) {
        expect(op!.parameters?.some((p) => p.in === "path" && p.name === name.slice(1, -1)), `${endpoint.id} ${name}`).toBe(true);
      }
    }
    expect(doc.components.responses.RateLimited!.headers).toHaveProperty("Retry-After");
    expect(doc.components.responses.Unauthenticated!.headers).toHaveProperty("WWW-Authenticate");
  });

  test("generated from the zod schemas: a strict body refuses extra properties in the document too", () => {
    const doc = buildOpenApiDocument([
      defineEndpoint({
        id: "testWrite",
        method: "POST",
        path: "/api/v1/test",
        scope: "accounts:write",
        tag: "Test",
        summary: "Test",
        body: z.object({ items: z.array(z.object({ amount: z.number().min(0) }).strict()).max(3) }).strict(),
        response: z.object({ ok: z.boolean() }),
        idempotent: true,
      }),
    ]) as unknown as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>> };
    expect(doc.paths["/api/v1/test"]!.post!.requestBody.content["application/json"]!.schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      properties: { items: { type: "array", maxItems: 3, items: { additionalProperties: false, properties: { amount: { type: "number", minimum: 0 } } } } },
    });
  });
});

describe("proxy", () => {
  test("does not redirect /api/v1 to the sign-in page (the API answers 401 itself); pages still are", () => {
    expect(proxy(new NextRequest("http://localhost/api/v1/accounts")).headers.get("location")).toBeNull();
    expect(proxy(new NextRequest("http://localhost/api/v1/openapi.json")).status).toBe(200);
    expect(proxy(new NextRequest("http://localhost/accounts")).headers.get("location")).toMatch(/\/sign-in/);
  });
});
