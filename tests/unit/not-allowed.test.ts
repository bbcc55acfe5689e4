import { describe, expect, it } from "vitest";
import { NotAllowedError } from "../../app/models/errors.server";
import { allowedOr403 } from "../../app/utils/auth.server";

describe("allowedOr403", () => {
  it("answers a model's NotAllowedError with the guards' 403", () => {
    let thrown: unknown;
    try {
      allowedOr403(() => {
        throw new NotAllowedError();
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
  });

  it("passes results and other errors through", () => {
    expect(allowedOr403(() => 7)).toBe(7);
    expect(() =>
      allowedOr403(() => {
        throw new TypeError("boom");
      }),
    ).toThrow(TypeError);
  });
});
