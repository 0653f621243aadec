#!/usr/bin/python3
"""Deterministic generator for the blind5 datasets (standard library only).

Each dataset has its own fixed seed. Run:  /usr/bin/python3 testdata/decisions/make_data_blind5.py
Writes 8 CSV files to testdata/decisions/data/.
"""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def maybe(rng, v, p):
    """Return None (missing) with probability p."""
    return None if rng.random() < p else v


# --------------------------------------------------------------------------
# 1. beehives: apiary survey, two seasons of hive weights (wide paired)
# --------------------------------------------------------------------------
def beehives():
    rng = random.Random(5101)
    apiaries = ["North Ridge", "Orchard", "Meadow", "Riverside"]
    apiary_eff = {"North Ridge": -3.0, "Orchard": 4.0, "Meadow": 2.0, "Riverside": 0.0}
    types = ["Langstroth", "Top-bar", "Warre"]
    type_eff = {"Langstroth": 3.0, "Top-bar": -2.5, "Warre": 0.0}
    header = ["hive_id", "apiary", "hive_type", "year", "queen_age_yrs",
              "colony.strength", "treated", "varroa_pct", "spring_wt_kg",
              "autumn_wt_kg", "Honey Yield (kg)", "survived_winter"]
    rows = []
    for i in range(1, 121):
        ap = rng.choice(apiaries)
        ht = rng.choices(types, weights=[5, 3, 2])[0]
        year = rng.choice([2022, 2023])
        qa = rng.choices([1, 2, 3, 4], weights=[4, 3, 2, 1])[0]
        strength = clamp(round(rng.gauss(13 - 1.2 * (qa - 1), 3)), 4, 20)
        treated = "yes" if rng.random() < 0.55 else "no"
        varroa = rng.lognormvariate(math.log(3.5 if treated == "no" else 1.6), 0.5)
        varroa = round(clamp(varroa, 0.1, 18), 1)
        spring = round(rng.gauss(28 + 0.6 * strength, 3.0), 1)
        honey = (2.2 * strength + apiary_eff[ap] + type_eff[ht] - 1.4 * varroa
                 + (2.0 if year == 2023 else 0) + rng.gauss(0, 4.5))
        honey = round(clamp(honey, 0.5, 60), 1)
        autumn = round(spring + 0.35 * honey + rng.gauss(2.5, 2.5), 1)
        p_surv = 1 / (1 + math.exp(-(2.6 - 0.45 * varroa + 0.08 * (strength - 12))))
        surv = "yes" if rng.random() < p_surv else "no"
        rows.append([f"H{i:03d}", ap, ht, year, qa, strength, treated,
                     maybe(rng, varroa, 0.06), spring, maybe(rng, autumn, 0.04),
                     honey, surv])
    return write("beehives", header, rows)


# --------------------------------------------------------------------------
# 2. fire_incidents: fire & rescue service response log (camelCase names)
# --------------------------------------------------------------------------
def fire_incidents():
    rng = random.Random(5202)
    stations = ["Central", "Eastside", "Harbour", "Hillcrest", "Westgate"]
    st_dist = {"Central": 2.5, "Eastside": 4.0, "Harbour": 3.0, "Hillcrest": 7.5, "Westgate": 5.5}
    st_rural = {"Central": 0.05, "Eastside": 0.25, "Harbour": 0.1, "Hillcrest": 0.7, "Westgate": 0.45}
    calls = ["Structure", "Vehicle", "Medical", "Wildland"]
    header = ["incidentID", "station", "callType", "district", "shift",
              "crewSize", "turnoutSec", "travelDistKm", "responseMin",
              "smokeAlarm", "casualty", "propertyLossUSD"]
    rows = []
    for i in range(1, 201):
        st = rng.choice(stations)
        rural = rng.random() < st_rural[st]
        district = "Rural" if rural else "Urban"
        ct = rng.choices(calls, weights=[4, 3, 5, 2 if rural else 0.5])[0]
        shift = rng.choices([1, 2, 3], weights=[4, 3, 3])[0]
        crew = rng.choice([4, 4, 5, 5, 6]) if ct == "Structure" else rng.choice([3, 4, 4, 5])
        turnout = clamp(rng.gauss(75 + (25 if shift == 3 else 0), 18), 30, 180)
        dist = clamp(rng.gammavariate(2.5, st_dist[st] / 2.5) * (1.6 if rural else 1.0), 0.3, 40)
        speed = rng.gauss(45 if rural else 32, 5)  # km/h
        resp = turnout / 60 + dist / speed * 60 + rng.gauss(0.5, 0.4)
        resp = round(clamp(resp, 1.5, 60), 1)
        if ct == "Structure":
            alarm = "yes" if rng.random() < 0.7 else "no"
        else:
            alarm = None
        p_cas = {"Structure": 0.12, "Vehicle": 0.3, "Medical": 0.5, "Wildland": 0.05}[ct]
        if alarm == "no":
            p_cas += 0.15
        cas = "Y" if rng.random() < p_cas else "N"
        if ct in ("Structure", "Vehicle", "Wildland"):
            base = {"Structure": 9.5, "Vehicle": 8.3, "Wildland": 8.8}[ct]
            loss = rng.lognormvariate(base + 0.04 * resp - (0.5 if alarm == "yes" else 0), 1.0)
            loss = int(round(loss, -1))
        else:
            loss = 0
        rows.append([f"INC-{24000 + i}", st, ct, district, shift, crew,
                     int(round(turnout)), round(dist, 2), resp, alarm, cas,
                     maybe(rng, loss, 0.05)])
    return write("fire_incidents", header, rows)


# --------------------------------------------------------------------------
# 3. podcast_episodes: media analytics export (spaces and units in names)
# --------------------------------------------------------------------------
def podcast_episodes():
    rng = random.Random(5303)
    shows = ["Tech Talk", "True Crime Weekly", "Kitchen Table"]
    show_base = {"Tech Talk": 9.0, "True Crime Weekly": 9.8, "Kitchen Table": 8.6}
    header = ["Episode", "Show", "Season", "Format", "Guests", "Duration (min)",
              "Release Day", "Explicit", "Ad Reads", "Downloads (7 days)",
              "Completion %", "Avg Rating", "Social Shares"]
    rows = []
    ep = 0
    for show in shows:
        for season in [1, 2, 3, 4]:
            n = rng.randint(11, 14)
            for k in range(n):
                ep += 1
                fmt = "Interview" if rng.random() < (0.6 if show != "True Crime Weekly" else 0.25) else "Solo"
                guests = 0 if fmt == "Solo" else rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
                dur = clamp(rng.gauss(38 if show != "True Crime Weekly" else 55, 10) + 4 * guests, 12, 95)
                day = "Weekend" if rng.random() < 0.3 else "Weekday"
                explicit = "Yes" if (show == "True Crime Weekly" and rng.random() < 0.6) or rng.random() < 0.08 else "No"
                ads = clamp(int(dur // 20) + rng.choice([0, 0, 1]), 0, 6)
                dl = math.exp(show_base[show] + 0.12 * (season - 1) + 0.08 * guests
                              + (-0.15 if day == "Weekend" else 0) + rng.gauss(0, 0.35))
                comp = clamp(88 - 0.45 * dur - 2.5 * ads + rng.gauss(0, 6), 15, 99)
                rating = clamp(3.2 + 0.018 * comp + rng.gauss(0, 0.35), 1.0, 5.0)
                shares = int(max(0, rng.gauss(dl * 0.012 * (rating / 4), 25)))
                rows.append([ep, show, season, fmt, guests, round(dur, 1), day, explicit,
                             ads, int(dl), round(comp, 1), maybe(rng, round(rating, 2), 0.05),
                             shares])
    return write("podcast_episodes", header, rows)


# --------------------------------------------------------------------------
# 4. catalyst_runs: hydrogenation screening in a chemistry lab (abbreviations)
# --------------------------------------------------------------------------
def catalyst_runs():
    rng = random.Random(5404)
    cats = ["Pt", "Pd", "Ni", "Ru"]
    cat_eff = {"Pt": 8.0, "Pd": 6.0, "Ni": -6.0, "Ru": 1.0}
    header = ["run_no", "catalyst", "support", "operator", "T_C", "P_kPa",
              "conc_M", "cat_load_mg", "t_rxn_min", "conv_pct", "yield_pct",
              "selectivity_pct", "TOF"]
    rows = []
    for i in range(1, 73):
        cat = cats[(i - 1) % 4]
        support = rng.choice(["alumina", "silica"])
        op = rng.choice(["AK", "JM"])
        T = rng.choice([60, 80, 100, 120])
        P = rng.choice([200, 400, 600])
        conc = round(rng.uniform(0.2, 1.2), 2)
        load = round(rng.uniform(5, 25), 1)
        t = rng.choice([30, 60, 90, 120])
        conv = (20 + 0.28 * T + 0.025 * P + 0.9 * load + 0.12 * t + cat_eff[cat]
                + (3 if support == "alumina" else 0) + rng.gauss(0, 6 if op == "AK" else 10))
        conv = clamp(conv, 5, 99.5)
        sel = clamp(92 - 0.12 * (T - 60) + (4 if cat == "Pd" else 0) + rng.gauss(0, 3.5), 50, 99.9)
        yld = conv * sel / 100 + rng.gauss(0, 1.0)
        tof = (conv / 100) * conc * 1000 / (load * (t / 60)) * rng.lognormvariate(0, 0.15)
        rows.append([f"R{i:03d}", cat, support, op, T, P, conc, load, t,
                     round(conv, 1), maybe(rng, round(yld, 1), 0.05), round(sel, 1),
                     round(tof, 2)])
    return write("catalyst_runs", header, rows)


# --------------------------------------------------------------------------
# 5. freight_shipments: logistics ledger (snake_case, several yes/no, strata)
# --------------------------------------------------------------------------
def freight_shipments():
    rng = random.Random(5505)
    carriers = ["Apex", "BlueLine", "Coastal", "DeltaFreight"]
    car_dmg = {"Apex": 0.04, "BlueLine": 0.08, "Coastal": 0.12, "DeltaFreight": 0.06}
    car_rate = {"Apex": 1.15, "BlueLine": 1.0, "Coastal": 0.85, "DeltaFreight": 0.95}
    header = ["shipment_no", "carrier", "mode", "pallets", "weight_kg",
              "distance_km", "transit_days", "cost_usd", "fragile", "insured",
              "damaged", "late", "cust_rating"]
    rows = []
    for i in range(1, 241):
        car = rng.choice(carriers)
        mode = rng.choices(["Road", "Rail", "Air"], weights=[6, 3, 1])[0]
        pallets = rng.randint(1, 12) if mode != "Air" else rng.randint(1, 3)
        weight = clamp(pallets * rng.gauss(380, 90), 40, 12000)
        dist = clamp(rng.lognormvariate(math.log(600 if mode != "Air" else 1500), 0.6), 30, 4500)
        speed = {"Road": 550, "Rail": 400, "Air": 4000}[mode]
        transit = max(1, int(round(dist / speed + rng.gauss(0.8, 0.7))))
        cost = car_rate[car] * ({"Road": 0.11, "Rail": 0.07, "Air": 0.9}[mode] * dist * (weight / 1000) ** 0.8 + 60)
        cost *= rng.lognormvariate(0, 0.12)
        fragile = "yes" if rng.random() < 0.3 else "no"
        insured = "yes" if rng.random() < (0.65 if fragile == "yes" else 0.3) else "no"
        p_dmg = car_dmg[car] * (2.5 if fragile == "yes" else 1.0)
        damaged = "yes" if rng.random() < p_dmg else "no"
        late = "yes" if rng.random() < (0.12 + (0.1 if car == "Coastal" else 0) + (0.05 if mode == "Rail" else 0)) else "no"
        rating = clamp(round(4.3 - (1.4 if damaged == "yes" else 0) - (0.9 if late == "yes" else 0) + rng.gauss(0, 0.6)), 1, 5)
        rows.append([f"SH{100500 + i}", car, mode, pallets, round(weight, 1), round(dist),
                     transit, round(cost, 2), fragile, insured, damaged, late,
                     maybe(rng, int(rating), 0.1)])
    return write("freight_shipments", header, rows)


# --------------------------------------------------------------------------
# 6. swim_squad: 8-week training block, times before and after (wide paired)
# --------------------------------------------------------------------------
def swim_squad():
    rng = random.Random(5606)
    header = ["Swimmer", "Sex", "Age", "Squad", "Main Stroke", "Height (cm)",
              "Arm Span (cm)", "VO2max", "Training Hrs/Wk", "Taper",
              "Time Pre (s)", "Time Post (s)", "Stroke Rate (spm)", "Injured"]
    strokes = ["Freestyle", "Backstroke", "Breaststroke", "Butterfly"]
    st_eff = {"Freestyle": 0.0, "Backstroke": 6.0, "Breaststroke": 12.0, "Butterfly": 4.0}
    rows = []
    for i in range(1, 57):
        squad = rng.choices(["Junior", "Senior", "Masters"], weights=[4, 3, 2])[0]
        age = {"Junior": rng.randint(12, 16), "Senior": rng.randint(17, 26), "Masters": rng.randint(30, 62)}[squad]
        sex = rng.choice(["F", "M"])
        stroke = rng.choice(strokes)
        h = rng.gauss(178 if sex == "M" else 167, 7) - (6 if age < 15 else 0)
        span = h * rng.gauss(1.03, 0.02)
        vo2 = clamp(rng.gauss(58 if sex == "M" else 51, 5) - 0.25 * max(0, age - 25), 30, 80)
        hrs = {"Junior": rng.gauss(9, 2), "Senior": rng.gauss(16, 3), "Masters": rng.gauss(5, 1.5)}[squad]
        hrs = clamp(hrs, 2, 24)
        taper = "Yes" if rng.random() < 0.5 else "No"
        pre = (72 + st_eff[stroke] + (5 if sex == "F" else 0) - 0.45 * (vo2 - 50)
               - 0.25 * (span - 175) + 0.15 * max(0, age - 25) + rng.gauss(0, 2.5))
        post = pre - (0.6 + 0.09 * hrs + (0.8 if taper == "Yes" else 0)) + rng.gauss(0, 0.9)
        rate = clamp(rng.gauss(48 - 0.2 * (span - 175), 4), 30, 65)
        injured = "Y" if rng.random() < 0.15 else "N"
        if injured == "Y":
            post += rng.uniform(0.5, 2.0)
        rows.append([f"SW{i:02d}", sex, age, squad, stroke, round(h, 1), round(span, 1),
                     round(vo2, 1), round(hrs, 1), taper, round(pre, 2),
                     maybe(rng, round(post, 2), 0.07), round(rate, 1), injured])
    return write("swim_squad", header, rows)


# --------------------------------------------------------------------------
# 7. urban_noise: environmental noise monitoring sites
# --------------------------------------------------------------------------
def urban_noise():
    rng = random.Random(5707)
    zones = ["Residential", "Commercial", "Industrial", "Park"]
    z_traffic = {"Residential": 300, "Commercial": 900, "Industrial": 600, "Park": 120}
    z_extra = {"Residential": 0.0, "Commercial": 2.0, "Industrial": 5.0, "Park": -3.0}
    header = ["site_code", "zone", "monitor_year", "speed_limit_kmh", "traffic_vph",
              "heavy_veh_pct", "dist_road_m", "barrier", "tree_cover_pct",
              "L_day_dBA", "L_night_dBA", "complaints_yr"]
    rows = []
    for i in range(1, 97):
        z = zones[(i - 1) % 4]
        yr = rng.choice([2021, 2022, 2023])
        spd = rng.choices([30, 50, 70], weights=[3, 5, 2])[0]
        traffic = clamp(rng.lognormvariate(math.log(z_traffic[z]), 0.5), 20, 4000)
        heavy = clamp(rng.gauss(18 if z == "Industrial" else 6, 4), 0.5, 40)
        dist = clamp(rng.lognormvariate(math.log(40), 0.7), 3, 400)
        barrier = 1 if rng.random() < 0.3 else 0
        trees = clamp(rng.gauss(45 if z == "Park" else 18, 10), 0, 90)
        lday = (35 + 10 * math.log10(traffic) + 0.15 * heavy + 0.08 * spd
                - 8 * math.log10(dist) - 5 * barrier - 0.04 * trees + z_extra[z] + rng.gauss(0, 2.2))
        lnight = lday - rng.gauss(8 if z != "Industrial" else 4, 1.8)
        comp = int(rng.expovariate(1.0) * math.exp(0.12 * (lnight - 45)) * (1.8 if z == "Residential" else 0.6) * 3)
        rows.append([f"NZ-{i:03d}", z, yr, spd, int(traffic), round(heavy, 1), round(dist, 1),
                     barrier, round(trees, 1), round(lday, 1),
                     maybe(rng, round(lnight, 1), 0.08), comp])
    return write("urban_noise", header, rows)


# --------------------------------------------------------------------------
# 8. forest_inventory: permanent sample plots, dbh remeasured (dots in names)
# --------------------------------------------------------------------------
def forest_inventory():
    rng = random.Random(5808)
    species = ["Oak", "Beech", "Scots pine", "Norway spruce", "Birch"]
    sp_growth = {"Oak": 0.35, "Beech": 0.42, "Scots pine": 0.5, "Norway spruce": 0.6, "Birch": 0.55}
    sp_height = {"Oak": 22, "Beech": 26, "Scots pine": 21, "Norway spruce": 28, "Birch": 18}
    sp_browse = {"Oak": 0.45, "Beech": 0.3, "Scots pine": 0.2, "Norway spruce": 0.15, "Birch": 0.35}
    header = ["tree.id", "plot", "species", "mgmt", "crown.class", "elev.m",
              "soil.pH", "canopy.pct", "fenced", "deer.browse", "dbh.2015",
              "dbh.2020", "height.m", "bark.damage"]
    rows = []
    for i in range(1, 181):
        plot = rng.randint(1, 12)
        sp = rng.choice(species)
        mgmt = "thinned" if plot % 2 == 0 else "unthinned"
        crown = rng.choices(["Dominant", "Codominant", "Suppressed"], weights=[3, 4, 3])[0]
        elev = round(clamp(rng.gauss(320 + 25 * plot, 40), 120, 750))
        ph = round(clamp(rng.gauss(5.6 - 0.002 * (elev - 300) - (0.6 if sp in ("Scots pine", "Norway spruce") else 0), 0.45), 3.4, 7.6), 2)
        canopy = round(clamp(rng.gauss(78 if mgmt == "unthinned" else 62, 8), 30, 98), 1)
        fenced = "yes" if plot in (1, 2, 5, 6, 9, 10) else "no"
        browse = "yes" if rng.random() < sp_browse[sp] * (0.35 if fenced == "yes" else 1.0) else "no"
        dbh0 = clamp(rng.gauss({"Dominant": 38, "Codominant": 29, "Suppressed": 18}[crown], 7), 8, 80)
        growth_yr = sp_growth[sp] * {"Dominant": 1.3, "Codominant": 1.0, "Suppressed": 0.5}[crown]
        growth_yr *= (1.25 if mgmt == "thinned" else 1.0) * (1 - 0.0006 * (elev - 300))
        dbh1 = dbh0 + 5 * growth_yr + rng.gauss(0, 0.6)
        ht = sp_height[sp] * (1 - math.exp(-dbh1 / 25)) + rng.gauss(0, 1.8)
        bark = "yes" if rng.random() < (0.25 if mgmt == "thinned" else 0.1) else "no"
        rows.append([f"T{i:04d}", plot, sp, mgmt, crown, elev, maybe(rng, ph, 0.05), canopy,
                     fenced, browse, round(dbh0, 1), maybe(rng, round(dbh1, 1), 0.04),
                     maybe(rng, round(ht, 1), 0.06), bark])
    return write("forest_inventory", header, rows)


if __name__ == "__main__":
    for fn in (beehives, fire_incidents, podcast_episodes, catalyst_runs,
               freight_shipments, swim_squad, urban_noise, forest_inventory):
        p = fn()
        with open(p) as f:
            n = sum(1 for _ in f) - 1
        print(f"{os.path.basename(p)}: {n} rows")
