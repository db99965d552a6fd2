import { chooseLogitKeyed, logitProbabilities } from '../behaviour/choice';
import { perceivedRisk } from '../behaviour/location';
import { priceCell } from '../behaviour/market';
import { COCAINE } from '../core/types';
import type { ParameterReader } from '../params/read';
import { mainSeaport, nearestPort } from '../world/queries';
import { BE, COUNTRIES, NL, type World } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { ActorKind } from './kind';
import { LINK_DUTCH_ORGANISER } from './population';
import { INITIAL_WEEK } from './site';
import { SiteKind } from './siteKind';
import { pow } from '../core/math';

// Cocaine importers: organisations that bring shipments in. For each shipment they choose an entry
// route by perceived interception risk and what the route can carry: the port of Antwerp, the port
// of Rotterdam, or a minor route (general aviation, small marinas, inland navigation, rail) near
// their base. Extraction crews in a seaport are paid partly in cocaine, more so as the volume through
// the port grows; that stock stays in the port district and feeds local brokers.

export const ROUTES = ['antwerp-port', 'rotterdam-port', 'general-aviation', 'marina', 'inland-waterway', 'rail'] as const;
/** the first routes enter through a country's major seaport: Antwerp in BE, Rotterdam in NL */
const PORT_COUNTRY = [BE, NL];
const MAJOR_PORTS = PORT_COUNTRY.length;
const MARINA = ROUTES.indexOf('marina');
/** the one class of importers */
const IMPORTER = 0;

/** the entry cell of weekly newcomers (the initial importers use their origin, 0 and 1) */
const NEWCOMERS = 2;

export class Importers implements ActorKind {
  readonly name = 'importers';
  readonly echelon = 'import';
  readonly prefix = 'importers';
  readonly steps = { trade: (ctx: Context) => this.step(ctx), entry: (ctx: Context) => this.enter(ctx) };
  readonly site: SiteKind;
  /** cocaine delivered this week to brokers, kg per country of the importing organisation (brokers take it) */
  readonly deliveredKg = new Float64Array(COUNTRIES.length);
  /** cocaine paid in kind to extraction crews and not yet sold, kg per district (brokers there sell it) */
  readonly crewStockKg: Float64Array;
  /** per port route: the district of its seaport */
  private readonly portDistrict: Int32Array;
  private readonly shipmentKg: Float64Array;
  private readonly interceptionRate: Float64Array;
  private readonly shipPerWeek: number;
  /** per route: the part of its utility that is the same for every shipment (base, size, known interception rate) */
  private readonly routeUtility: Float64Array;
  private readonly perceivedRiskWeight: number;
  /** the location choice's costs of distance from base and of operating in the other country, for the entry */
  private readonly kmWeight: number;
  private readonly foreignPenalty: number;
  /** this week's share of the wholesale demand for cocaine per country: who buys a shipment */
  private readonly buyerShare = new Float64Array(COUNTRIES.length);
  /** whether there is any demand this week (a scenario without consumers has none) */
  private anyDemand = false;
  /** nearest district with a seaport or minor port, for the marina route */
  private readonly nearestPort: Int32Array;
  private readonly entryPerWeek: number;
  private readonly supplyGrowthPerYear: number;
  private readonly dutchShare: number;
  private readonly kindBase: number;
  private readonly kindSlopePerTonne: number;
  private readonly kindMax: number;
  private readonly portVolumeKgPerYear: Float64Array;
  private readonly startYear: number;
  private readonly idVolume: Int32Array;
  private readonly idVolumeByRoute: Int32Array;
  private readonly idSeizedByRoute: Int32Array;
  /** what got through, by the country of the brokers who take it (k * 2 + country) */
  private readonly idVolumeByBuyer: Int32Array;
  /** what got through for Dutch-run importers */
  private readonly idDutchRunKg: Int32Array;
  private readonly utility = new Float64Array(ROUTES.length);
  /** scratch of volumeKgPerYear, apart from the week's own choices */
  private readonly censusUtility = new Float64Array(ROUTES.length);
  private readonly censusChance = new Float64Array(ROUTES.length);

  constructor(ctx: Context, p: ParameterReader) {
    const { world, recorder } = ctx;
    const K = world.size;
    const initial = p.list('importers.initialOrganisations', COUNTRIES);
    const agentsPerActor = p.num('importers.agentsPerActor') * p.num('population.scale');
    this.site = new SiteKind(
      { name: this.name, market: 'cocaine', echelon: this.echelon, classes: ['importer'], prefix: this.prefix },
      ctx,
      p,
      Math.ceil((initial[BE] + initial[NL]) * agentsPerActor * 2),
    );
    this.crewStockKg = new Float64Array(K);
    this.portDistrict = Int32Array.from(PORT_COUNTRY, (c) => {
      const k = mainSeaport(world, c);
      if (k < 0) throw new Error(`district data: no major seaport in ${COUNTRIES[c]}`);
      return k;
    });
    const routeBase = p.list('importers.routeBase', ROUTES);
    const routeRiskWeight = p.num('importers.routeRiskWeight');
    this.shipmentKg = p.list('importers.shipmentKg', ROUTES);
    this.interceptionRate = p.list('importers.interceptionRate', ROUTES);
    this.routeUtility = routeBase.map((base, r) => base + Math.log(this.shipmentKg[r]) - routeRiskWeight * this.interceptionRate[r]);
    this.shipPerWeek = p.num('importers.shipmentsPerYear') / 52;
    this.perceivedRiskWeight = p.num('importers.location.riskWeight') * this.site.stake[IMPORTER];
    this.kmWeight = p.num('importers.location.kmWeightPer100');
    this.foreignPenalty = p.num('importers.location.foreignPenalty');
    this.nearestPort = nearestPort(world);
    this.entryPerWeek = p.num('importers.entryPerYear') / 52;
    this.supplyGrowthPerYear = p.num('importers.supplyGrowthPerYear');
    this.dutchShare = p.num('importers.dutchShare');
    this.kindBase = p.num('importers.paidInKind.base');
    this.kindSlopePerTonne = p.num('importers.paidInKind.perTonneYear');
    this.kindMax = p.num('importers.paidInKind.max');
    this.portVolumeKgPerYear = new Float64Array(K);
    this.startYear = ctx.calendar.yearOfTick(0);
    this.idVolume = recorder.table('cocaine', 'import', 'volume_kg');
    // A route's shipments land only where it enters, from an importer based anywhere.
    const entersAt = (k: number, r: number) => world.ids.some((_, base) => this.entryOf(r, base) === k);
    this.idVolumeByRoute = recorder.table('cocaine', 'import', 'volume_kg', { by: 'channel', labels: ROUTES }, entersAt);
    this.idSeizedByRoute = recorder.table('cocaine', 'import', 'seized_kg', { by: 'channel', labels: ROUTES }, entersAt);
    const entersSomewhere = (k: number) => ROUTES.some((_, r) => entersAt(k, r));
    this.idVolumeByBuyer = recorder.table('cocaine', 'import', 'volume_kg', { by: 'buyer', labels: COUNTRIES }, entersSomewhere);
    this.idDutchRunKg = recorder.table('cocaine', 'import', 'dutch_run_kg', undefined, entersSomewhere);
    for (const origin of [BE, NL]) {
      const n = Math.round(initial[origin] * agentsPerActor);
      for (let a = 0; a < n; a++) this.enterOne(ctx, this.site.newId(INITIAL_WEEK, origin, a), origin);
    }
  }

  /** Global supply reaching Europe grows at a constant yearly rate (index 1 at the start). */
  supplyIndex(ctx: Context): number {
    return pow(1 + this.supplyGrowthPerYear, ctx.year - this.startYear);
  }

  get agents(): number {
    return this.site.pop.alive;
  }

  private step(ctx: Context): void {
    const site = this.site;
    for (let k = 0; k < this.portVolumeKgPerYear.length; k++) this.portVolumeKgPerYear[k] *= 1 - 1 / 52;
    this.shareBuyers(ctx);
    const n = site.startWeek(ctx);
    const { active } = site;
    for (let j = 0; j < n; j++) {
      if (site.happens(ctx, active[j], DRAW.ship, this.shipPerWeek)) this.ship(ctx, active[j]);
    }
    site.countActive();
    site.counts.flush(ctx);
  }

  /**
   * Who buys this week's shipments: the middle markets of the two countries in proportion to the
   * wholesale demand for cocaine each sees (retail bought there this week, and the demand from abroad
   * its wholesalers serve: sim/agents/consumers.ts), whoever imported it and wherever it entered.
   */
  private shareBuyers(ctx: Context): void {
    const demand = ctx.prices.demandThisTick;
    const total = demand[priceCell(COCAINE, BE)] + demand[priceCell(COCAINE, NL)];
    this.anyDemand = total > 0;
    for (const c of [BE, NL]) this.buyerShare[c] = total > 0 ? demand[priceCell(COCAINE, c)] / total : 0;
  }

  private enter(ctx: Context): void {
    const site = this.site;
    // One entry cell for both origins (numbered after the initial importers' 0 and 1): each newcomer's origin is its own draw.
    const n = site.random.poisson((this.entryPerWeek * this.supplyIndex(ctx)) / site.weight, site.random.keyOf(NEWCOMERS), ctx.tick, DRAW.entrants);
    for (let a = 0; a < n; a++) {
      const id = site.newId(ctx.tick, NEWCOMERS, a);
      this.enterOne(ctx, id, site.random.at(site.random.keyOf(id), ctx.tick, DRAW.origin) < this.dutchShare ? NL : BE);
    }
  }

  private enterOne(ctx: Context, id: number, origin: number): void {
    this.site.turnover.homeWeightsFor(ctx, origin);
    const home = this.site.turnover.drawHome(ctx, this.site.random.keyOf(id));
    if (home >= 0) this.site.turnover.enter(ctx, id, home, origin, IMPORTER, home);
  }

  /** Where route r enters for an importer based in district `base`: its port, the nearest port (marina), or the base itself. */
  private entryOf(r: number, base: number): number {
    if (r < MAJOR_PORTS) return this.portDistrict[r];
    return r === MARINA && this.nearestPort[base] >= 0 ? this.nearestPort[base] : base;
  }

  /** Importer i's utility of each route, by what the route carries and the interception risk it perceives where the route enters. */
  private routeUtilities(world: World, i: number, utility: Float64Array): void {
    const site = this.site;
    const base = site.pop.district[i];
    const origin = site.pop.origin[i];
    for (let r = 0; r < ROUTES.length; r++) {
      const entry = this.entryOf(r, base);
      const perceived = perceivedRisk(site.pop, site.orgs, site.view(site.pop.kind[i]), world, i, entry);
      // a route far from the base, or through the other country (its port crews, its networks), costs as a location there would
      const reach = this.kmWeight * world.distanceKm[base * world.size + entry] * 0.01 + (world.country[entry] !== origin ? this.foreignPenalty : 0);
      utility[r] = this.routeUtility[r] - this.perceivedRiskWeight * perceived - reach;
    }
  }

  /** What it ships in a year at this week's route choice (the routes' shipment sizes by their chances), before interceptions. */
  volumeKgPerYear(i: number): number {
    this.routeUtilities(this.site.world, i, this.censusUtility);
    const chance = logitProbabilities(this.censusUtility, ROUTES.length, 1, this.censusChance);
    let kg = 0;
    for (let r = 0; r < ROUTES.length; r++) kg += chance[r] * this.shipmentKg[r];
    return this.shipPerWeek * 52 * kg * this.site.weight;
  }

  private ship(ctx: Context, i: number): void {
    const site = this.site;
    const pop = site.pop;
    const K = ctx.world.size;
    const org = pop.organisation[i];
    this.routeUtilities(ctx.world, i, this.utility);
    const route = chooseLogitKeyed(this.utility, ROUTES.length, 1, site.choiceDraw(ctx, pop.drawKey[i], DRAW.route));
    const d = this.entryOf(route, pop.district[i]);
    const kg = this.shipmentKg[route] * site.weight;
    const inspection = route < MAJOR_PORTS ? ctx.levers.portInspection[d] : 1;
    const pIntercept = 1 - Math.exp(-this.interceptionRate[route] * inspection * ctx.enforcement.relativeEffort[COCAINE * K + d]);
    if (site.happens(ctx, i, DRAW.intercept, pIntercept)) {
      pop.stockKg[i] = this.shipmentKg[route];
      ctx.recorder.flow(this.idSeizedByRoute[d * ROUTES.length + route], kg);
      site.raids.seizure(ctx, i, d);
      return;
    }
    ctx.recorder.flow(this.idVolume[d], kg);
    ctx.recorder.flow(this.idVolumeByRoute[d * ROUTES.length + route], kg);
    if (pop.flags[i] & LINK_DUTCH_ORGANISER) ctx.recorder.flow(this.idDutchRunKg[d], kg);
    let toBrokers = kg;
    if (route < MAJOR_PORTS) {
      this.portVolumeKgPerYear[d] += kg;
      const share = Math.min(this.kindMax, this.kindBase + (this.kindSlopePerTonne * this.portVolumeKgPerYear[d]) / 1000);
      this.crewStockKg[d] += share * kg;
      toBrokers -= share * kg;
      // the crews' pay stays in the port, for its brokers
      ctx.recorder.flow(this.idVolumeByBuyer[d * 2 + ctx.world.country[d]], share * kg);
    }
    const owner = site.orgs.origin[org];
    for (const c of [BE, NL]) {
      // with no demand anywhere the importer's own country takes it
      const share = this.anyDemand ? this.buyerShare[c] : c === owner ? 1 : 0;
      if (share === 0) continue;
      this.deliveredKg[c] += share * toBrokers;
      ctx.recorder.flow(this.idVolumeByBuyer[d * 2 + c], share * toBrokers);
    }
  }
}
