import { describe, expect, it } from "vitest";
import {
  administers,
  can,
  effectiveRights,
  isOwnAdministrator,
  keepsLetterhead,
  visibleModules,
} from "./rights";

const employee = { roles: [], rights: ["relations:view"], tenant: "acme", acting_as: "employee" };

describe("can", () => {
  it("allows exactly the rights held", () => {
    expect(can(employee, "relations", "view")).toBe(true);
    expect(can(employee, "relations", "create")).toBe(false);
    expect(can(employee, "policies", "view")).toBe(false);
  });
  it("allows nothing before the rights are known", () => {
    expect(can(undefined, "relations", "view")).toBe(false);
  });
  it("shows a module in the menu only with its view right", () => {
    const me = { ...employee, rights: ["relations:view", "claims:create"] };
    expect(visibleModules(me)).toEqual(["relations"]);
  });
});

describe("administration", () => {
  it("belongs to the tenant's own administrator", () => {
    const admin = { roles: ["tenant-admin"], rights: [], tenant: "acme", acting_as: "administrator" };
    expect(administers(admin)).toBe(true);
    expect(isOwnAdministrator(admin)).toBe(true);
  });
  it("belongs to the operator only while the tenant is operator-managed", () => {
    const base = { roles: ["platform-operator"], rights: [], tenant: "acme" };
    expect(administers({ ...base, acting_as: "operator" })).toBe(true);
    expect(isOwnAdministrator({ ...base, acting_as: "operator" })).toBe(false);
    expect(administers({ ...base, acting_as: "support" })).toBe(false);
    expect(administers({ ...base, tenant: null, acting_as: null })).toBe(false);
  });
  it("is not an employee's", () => {
    expect(administers(employee)).toBe(false);
  });
});

describe("the letterhead", () => {
  it("is kept by whoever may change policies, or the tenant's own administrator", () => {
    expect(keepsLetterhead({ ...employee, rights: ["policies:view", "policies:change"] })).toBe(true);
    expect(keepsLetterhead({ ...employee, rights: ["policies:view"] })).toBe(false);
    const admin = { roles: ["tenant-admin"], rights: [], tenant: "acme", acting_as: "administrator" };
    expect(keepsLetterhead(admin)).toBe(true);
    const operator = { roles: ["platform-operator"], rights: [], tenant: "acme", acting_as: "operator" };
    expect(keepsLetterhead(operator)).toBe(false);
    expect(keepsLetterhead(undefined)).toBe(false);
  });
});

describe("effective rights", () => {
  it("are the union of the protocols' rights and the individual rights", () => {
    const catalogue = { "view-only": ["relations:view", "policies:view"] };
    const effective = effectiveRights(["view-only"], ["relations:create"], catalogue);
    expect([...effective].sort()).toEqual(["policies:view", "relations:create", "relations:view"]);
  });
});
