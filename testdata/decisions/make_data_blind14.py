#!/usr/bin/env python3
"""Deterministic generator for the blind14 datasets (standard library only)."""
import csv
import datetime as dt
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def poisson(rng, lam):
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def wchoice(rng, levels, weights):
    return rng.choices(levels, weights=weights, k=1)[0]


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


# 1. insurance -----------------------------------------------------------
def motor_policies():
    rng = random.Random(1401)
    header = ["policy_id", "driver_age", "years_licensed", "ncd_years", "vehicle_type",
              "area_type", "female", "telematics", "payment_plan", "credit_band",
              "start_year", "annual_premium_gbp", "claims_3yr", "claim_total_gbp"]
    veh_eff = {"hatchback": -60, "saloon": 0, "SUV": 110, "van": 160}
    rows = []
    for i in range(300):
        age = int(clamp(round(rng.gauss(45, 15)), 18, 84))
        lic = int(clamp(round(rng.gauss(age - 20, 4)), 0, age - 17))
        ncd = int(clamp(round(lic * rng.uniform(0.3, 0.9)), 0, 9))
        veh = wchoice(rng, list(veh_eff), [35, 25, 25, 15])
        area = wchoice(rng, ["Urban", "Rural"], [60, 40])
        female = rng.randint(0, 1)
        tele = "Yes" if rng.random() < (0.55 if age < 28 else 0.15) else "No"
        plan = wchoice(rng, ["Monthly", "Annual"], [55, 45])
        credit = wchoice(rng, [1, 2, 3, 4, 5], [10, 20, 35, 25, 10])
        year = rng.choice([2021, 2022, 2023, 2024])
        prem = (520 + max(0, 27 - age) * 55 - ncd * 22 + veh_eff[veh]
                + (115 if area == "Urban" else 0) - (credit - 3) * 30
                + (year - 2021) * 35 - (25 if female else 0))
        prem *= math.exp(rng.gauss(0, 0.16))
        lam = 0.35 + max(0, 26 - age) * 0.06 + (0.15 if area == "Urban" else 0) \
            - (0.12 if tele == "Yes" else 0)
        claims = min(poisson(rng, max(lam, 0.05)), 5)
        total = sum(rng.lognormvariate(7.3, 0.8) for _ in range(claims))
        rows.append([f"MP{104200 + i * 7}", age, lic, ncd, veh, area, female, tele, plan,
                     credit, year, round(prem, 2), claims, round(total, 2)])
    write("motor_policies", header, rows)


# 2. aviation -------------------------------------------------------------
def airline_turnarounds():
    rng = random.Random(1402)
    header = ["flight_no", "date", "Airport", "Aircraft", "Shift", "Refuel", "GroundCrew",
              "PaxBoarded", "BagsLoaded", "TurnaroundMin", "WindKt", "DepDelayMin",
              "ArrDelayMin", "OnTime"]
    cap = {"A320": 180, "A321": 220, "B738": 189}
    apt_eff = {"LGW": 4.0, "MAN": 1.0, "EDI": -2.0}
    nums = rng.sample(range(100, 999), 240)
    rows = []
    start = dt.date(2024, 3, 1)
    for i in range(240):
        d = start + dt.timedelta(days=rng.randint(0, 91))
        apt = wchoice(rng, list(apt_eff), [45, 35, 20])
        ac = wchoice(rng, list(cap), [45, 30, 25])
        shift = rng.choice(["Early", "Late"])
        refuel = "Y" if rng.random() < 0.4 else "N"
        crew = rng.randint(4, 8)
        pax = int(cap[ac] * clamp(rng.gauss(0.86, 0.09), 0.5, 1.0))
        bags = int(clamp(round(pax * rng.uniform(0.45, 0.85)), 20, 250))
        turn = (22 + pax * 0.07 + bags * 0.04 - crew * 1.6 + apt_eff[apt]
                + (6 if refuel == "Y" else 0) + rng.gauss(0, 4.5 if shift == "Late" else 3.0))
        wind = rng.gammavariate(2.2, 5.5)
        dep = (turn - 33) * 0.9 + (6 if shift == "Late" else 0) + rng.gauss(0, 7) \
            + (rng.expovariate(1 / 25) if rng.random() < 0.12 else 0)
        arr = dep * 0.85 + 0.25 * (wind - 12) + rng.gauss(0, 6)
        rows.append([f"ZX{nums[i]}", d.isoformat(), apt, ac, shift, refuel, crew, pax, bags,
                     round(turn, 1), round(wind, 1), round(dep), round(arr),
                     1 if arr <= 15 else 0])
    rows.sort(key=lambda r: r[1])
    write("airline_turnarounds", header, rows)


# 3. mining -----------------------------------------------------------------
def haul_trucks():
    rng = random.Random(1403)
    header = ["truck_id", "week", "pit", "shift", "operator_exp_yrs", "haul_dist_km",
              "road_grade_pct", "payload_t", "cycle_time_min", "fuel_L_per_hr",
              "tyre_pressure_psi", "ore_grade_gpt", "breakdown"]
    pits = {"North": (3.2, 1.1), "South": (4.1, 0.7), "East": (2.6, 1.6)}  # dist, grade mu
    trucks = [(f"HT-{k:02d}", ["North", "South", "East"][k % 3]) for k in range(1, 21)]
    rows = []
    for wk in range(1, 11):
        for tid, pit in trucks:
            shift = rng.choice(["Day", "Night"])
            exp = round(clamp(rng.lognormvariate(1.8, 0.7), 0.5, 28), 1)
            dist = round(clamp(rng.gauss(pits[pit][0], 0.5), 1.2, 6.5), 2)
            grade = round(clamp(rng.gauss(8.5, 1.4), 5, 12.5), 1)
            payload = round(rng.gauss(219, 11 if shift == "Day" else 15), 1)
            sd = {"North": 1.2, "South": 2.6, "East": 1.0}[pit]
            cyc = (7.5 + 3.1 * dist + 0.55 * grade - 0.08 * exp
                   + (1.4 if shift == "Night" else 0) + rng.gauss(0, sd))
            fuel = 95 + 0.35 * payload + 4.2 * grade + rng.gauss(0, 9)
            tyre = round(rng.gauss(102, 3.5), 1)
            ore = round(rng.lognormvariate(math.log(pits[pit][1]), 0.55), 2)
            brk = 1 if rng.random() < (0.12 if shift == "Night" else 0.06) else 0
            rows.append([tid, wk, pit, shift, exp, dist, grade, payload, round(cyc, 2),
                         round(fuel, 1), tyre, ore, brk])
    write("haul_trucks", header, rows)


# 4. museums ------------------------------------------------------------------
def gallery_visitors():
    rng = random.Random(1404)
    header = ["visitor_no", "visit_date", "Age", "Gender", "ticket_type", "group_size",
              "Audio guide", "Time in museum (min)", "exhibitions_visited", "satisfaction",
              "shop_spend_eur", "first_visit", "distance_km"]
    rows = []
    start = dt.date(2024, 4, 1)
    for i in range(320):
        d = start + dt.timedelta(days=rng.randint(0, 182))
        ticket = wchoice(rng, ["Adult", "Concession", "Member", "Student"], [45, 20, 20, 15])
        if ticket == "Student":
            age = int(clamp(rng.gauss(22, 3), 16, 35))
        elif ticket == "Concession":
            age = int(clamp(rng.gauss(70, 6), 60, 92))
        else:
            age = int(clamp(rng.gauss(44, 13), 18, 80))
        gender = wchoice(rng, ["Female", "Male", "Non-binary"], [55, 41, 4])
        grp = wchoice(rng, [1, 2, 3, 4, 5, 6], [30, 38, 12, 12, 5, 3])
        audio = "Yes" if rng.random() < (0.45 if ticket in ("Adult", "Concession") else 0.25) else "No"
        first = "No" if ticket == "Member" or rng.random() < 0.35 else "Yes"
        exh = wchoice(rng, [1, 2, 3, 4, 5], [15, 30, 30, 17, 8])
        tim = 45 + (22 if audio == "Yes" else 0) + exh * 11 + rng.gauss(0, 18 if ticket != "Student" else 28)
        tim = clamp(tim, 15, 300)
        sat = int(clamp(round(5.2 + 0.018 * tim + (0.6 if ticket == "Member" else 0)
                              + rng.gauss(0, 1.4)), 1, 10))
        spend = 0.0 if rng.random() < 0.42 else rng.lognormvariate(2.7 + (0.3 if first == "Yes" else 0), 0.7)
        distk = rng.expovariate(1 / (12 if first == "No" else 60))
        rows.append([1000 + i, d.isoformat(), age, gender, ticket, grp, audio, round(tim),
                     exh, sat, round(spend, 2), first, round(distk, 1)])
    rows.sort(key=lambda r: r[1])
    write("gallery_visitors", header, rows)


# 5. charities -----------------------------------------------------------------
def appeal_donations():
    rng = random.Random(1405)
    header = ["donor_ref", "donor_age", "region", "appeal", "channel", "regular_giver",
              "gift_aid", "gift_2023_gbp", "gift_2024_gbp", "contacts_12m",
              "months_since_last_gift", "newsletter"]
    ch_eff = {"email": 0.0, "post": 0.25, "phone": 0.35, "sms": -0.35}
    ap_eff = {"Winter": 0.1, "Spring": -0.1, "Emergency": 0.3}
    rows = []
    refs = rng.sample(range(10000, 99999), 260)
    for i in range(260):
        age = int(clamp(rng.gauss(56, 16), 18, 94))
        region = wchoice(rng, ["North", "Midlands", "South", "Scotland", "Wales"], [24, 20, 32, 14, 10])
        appeal = wchoice(rng, list(ap_eff), [40, 30, 30])
        channel = wchoice(rng, list(ch_eff), [35, 30, 15, 20])
        regular = "Y" if rng.random() < (0.25 + 0.004 * (age - 40)) else "N"
        news = "yes" if rng.random() < (0.6 if regular == "Y" else 0.35) else "no"
        ga = 1 if rng.random() < (0.7 if regular == "Y" else 0.45) else 0
        base = 2.9 + 0.012 * (age - 50) + ch_eff[channel] + (0.3 if regular == "Y" else 0)
        g23 = rng.lognormvariate(base, 0.65)
        g24 = g23 * math.exp(0.06 + ap_eff[appeal] * 0.5 + rng.gauss(0, 0.3))
        contacts = int(clamp(rng.randint(1, 12) + (1 if news == "yes" else 0), 1, 12))
        g24 *= 1 + 0.015 * contacts
        msl = int(clamp(round(rng.expovariate(1 / (4 if regular == "Y" else 11))), 0, 48))
        rows.append([f"D{refs[i]}", age, region, appeal, channel, regular, ga,
                     round(g23, 2), round(g24, 2), contacts, msl, news])
    write("appeal_donations", header, rows)


# 6. fisheries ------------------------------------------------------------------
def trawl_survey():
    rng = random.Random(1406)
    header = ["haul_id", "year", "vessel", "gear", "ices_area", "day_night", "depth_m",
              "bottom_temp_C", "salinity_psu", "tow_duration_min", "cod_cpue_kg_h",
              "haddock_cpue_kg_h", "cod_mean_length_cm", "juvenile_pct"]
    area_depth = {"4a": 120, "4b": 65, "4c": 35}
    rows = []
    k = 0
    for year in range(2019, 2024):
        for _ in range(36):
            k += 1
            area = wchoice(rng, list(area_depth), [40, 35, 25])
            vessel = rng.choice(["Scotia", "Endeavour"])
            gear = "beam" if rng.random() < (0.6 if area == "4c" else 0.25) else "otter"
            dn = "N" if rng.random() < 0.35 else "D"
            depth = round(clamp(rng.gauss(area_depth[area], 18), 15, 220))
            temp = round(10.5 - 0.025 * depth + 0.12 * (year - 2019) + rng.gauss(0, 0.6), 2)
            sal = round(34.4 + 0.006 * depth + rng.gauss(0, 0.18), 2)
            tow = round(clamp(rng.gauss(30.5, 2.2), 22, 40))
            cod = rng.lognormvariate(3.1 - 0.18 * (temp - 8) + (0.4 if gear == "otter" else 0)
                                     + (0.2 if dn == "N" else 0), 0.75)
            had = rng.lognormvariate(3.3 + (0.5 if area == "4a" else 0 if area == "4b" else -0.7)
                                     + 0.35 * math.log(cod + 1) - 0.9, 0.7 if vessel == "Scotia" else 0.95)
            length = round(clamp(rng.gauss(46 - 0.9 * (year - 2019) + 0.04 * depth, 5), 20, 90), 1)
            juv = round(clamp(rng.gauss(32 - 0.08 * depth + 1.2 * (year - 2019), 8), 0, 95), 1)
            rows.append([f"H{year}-{k:03d}", year, vessel, gear, area, dn, depth, temp, sal, tow,
                         round(cod, 1), round(had, 1), length, juv])
    write("trawl_survey", header, rows)


# 7. telecom -------------------------------------------------------------------
def cell_site_kpis():
    rng = random.Random(1407)
    header = ["site_id", "tech", "vendor", "terrain", "backhaul", "tower_height_m", "users_peak",
              "prb_util_pct", "dl_mbps", "ul_mbps", "latency_q1_ms", "latency_q2_ms",
              "drop_rate_pct", "availability_pct"]
    vend_drop = {"Ericsson": 0.0, "Nokia": 0.12, "Huawei": 0.25}
    rows = []
    ids = rng.sample(range(1000, 9999), 150)
    for i in range(150):
        terrain = wchoice(rng, ["urban", "suburban", "rural"], [40, 35, 25])
        tech = "5G" if rng.random() < {"urban": 0.6, "suburban": 0.4, "rural": 0.15}[terrain] else "4G"
        vendor = wchoice(rng, list(vend_drop), [40, 35, 25])
        back = "fibre" if rng.random() < {"urban": 0.85, "suburban": 0.6, "rural": 0.25}[terrain] else "microwave"
        height = round(clamp(rng.gauss({"urban": 25, "suburban": 32, "rural": 42}[terrain], 6), 10, 70), 1)
        users = int(clamp(rng.gauss({"urban": 420, "suburban": 260, "rural": 110}[terrain], 80), 20, 800))
        prb = round(clamp(20 + users * 0.12 + rng.gauss(0, 9), 5, 99), 1)
        dl = (55 if tech == "4G" else 190) * (1 - prb / 160) * (0.85 if back == "microwave" else 1) \
            * math.exp(rng.gauss(0, 0.22))
        ul = dl * rng.uniform(0.12, 0.2) + 0.03 * height
        lat1 = (38 if tech == "4G" else 22) + (6 if back == "microwave" else 0) + rng.gauss(0, 5)
        lat2 = lat1 - 2.5 + rng.gauss(0, 3)
        drop = clamp(rng.lognormvariate(math.log(0.45 + vend_drop[vendor]), 0.4), 0.05, 5)
        avail = clamp(99.9 - rng.expovariate(1 / (0.25 if back == "fibre" else 0.5)), 95.0, 100.0)
        rows.append([f"S{ids[i]}", tech, vendor, terrain, back, height, users, prb, round(dl, 1),
                     round(ul, 1), round(lat1, 1), round(lat2, 1), round(drop, 2), round(avail, 2)])
    write("cell_site_kpis", header, rows)


# 8. veterinary ----------------------------------------------------------------
def canine_titres():
    rng = random.Random(1408)
    header = ["dog_id", "clinic", "vaccine", "sex", "neutered", "size_class", "age_months",
              "weight_kg", "bcs", "log2_titre_wk0", "log2_titre_wk4", "temp_24h_C", "adverse_event"]
    size_w = {"small": 8, "medium": 18, "large": 32}
    rows = []
    for i in range(120):
        clinic = wchoice(rng, ["Northgate", "Riverside", "Hillview"], [40, 35, 25])
        vac = rng.choice(["Canivax", "ProGuard"])
        sex = rng.randint(1, 2)
        neut = "Y" if rng.random() < 0.65 else "N"
        size = wchoice(rng, list(size_w), [30, 40, 30])
        age = int(clamp(rng.lognormvariate(3.2, 0.7), 3, 168))
        growth = min(1.0, 0.35 + age / 18)
        weight = round(clamp(size_w[size] * growth * math.exp(rng.gauss(0, 0.15)), 1.5, 70), 1)
        bcs = int(clamp(round(rng.gauss(5 + (0.5 if neut == "Y" else 0), 1.1)), 1, 9))
        t0 = round(clamp(rng.gauss(4.0, 1.3), 0, 10), 1)
        t4 = round(clamp(t0 + 2.1 + (0.5 if vac == "ProGuard" else 0) - 0.006 * age
                         + rng.gauss(0, {"Northgate": 1.0, "Riverside": 1.1, "Hillview": 1.6}[clinic]), 0, 14), 1)
        temp = round(38.6 + 0.15 * (t4 - t0 - 2) - 0.004 * weight + rng.gauss(0, 0.35), 1)
        ae = 1 if rng.random() < (0.18 if vac == "ProGuard" else 0.08) + (0.05 if size == "small" else 0) else 0
        rows.append([f"K9-{i + 1:03d}", clinic, vac, sex, neut, size, age, weight, bcs, t0, t4, temp, ae])
    write("canine_titres", header, rows)


if __name__ == "__main__":
    for fn in (motor_policies, airline_turnarounds, haul_trucks, gallery_visitors,
               appeal_donations, trawl_survey, cell_site_kpis, canine_titres):
        fn()
    print("wrote datasets to", OUT)
