#!/usr/bin/env python3
"""Deterministic generator for blind11 datasets (standard library only)."""
import csv, math, os, random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def clip(v, lo, hi):
    v = v if hi is None else min(hi, v)
    return max(lo, v)


def escape_rooms():
    r = random.Random(1101)
    themes = {"Pharaoh Tomb": 0, "Haunted Manor": 4, "Space Station": 8, "Bank Heist": -3}
    gtypes = ["family", "friends", "corporate"]
    rows = []
    for i in range(240):
        th = r.choice(list(themes))
        gt = r.choices(gtypes, [3, 5, 2])[0]
        size = r.randint(2, 6)
        age = round(clip(r.gauss(31 if gt != "family" else 24, 7), 12, 65), 1)
        first = r.choices(["Yes", "No"], [7, 3])[0]
        hints = max(0, int(r.gauss(3 + (1 if first == "Yes" else -1) - 0.3 * (size - 4), 1.5)))
        t = 38 + themes[th] + 2.2 * hints - 1.5 * (size - 4) + r.gauss(0, 6)
        escaped = 1 if (t < 58 and r.random() < 0.9) or r.random() < 0.15 else 0
        t = round(min(t, 60.0), 1) if escaped else None
        lead = int(r.expovariate(1 / 9))
        stars = clip(int(round(3.6 + 0.8 * escaped - 0.15 * hints + r.gauss(0, 0.8))), 1, 5)
        day = r.choices(["weekday", "weekend"], [4, 6])[0]
        price = round(size * (22 if day == "weekend" else 18) + r.choice([0, 0, 5, 10]), 2)
        if r.random() < 0.05:
            age = None
        rows.append([f"ER{i+1:04d}", th, size, age, hints, t, escaped, first, day, lead, stars, gt, price])
    write("escape_rooms", ["booking_id", "room_theme", "team_size", "PlayerAvgAge", "hints_used",
                           "escape_time_min", "escaped", "first_visit", "day_type", "booking_lead_days",
                           "review_stars", "group_type", "price_gbp"], rows)


def orchard_harvest():
    r = random.Random(1102)
    var = {"Gala": 0, "Braeburn": -4, "Cox": -9}
    rows = []
    for i in range(180):
        v = r.choice(list(var))
        rs = r.choice(["M9", "MM106"])
        block = r.randint(1, 4)
        irr = r.randint(0, 1)
        yr = r.choice([2022, 2023])
        girth = round(r.gauss(38 if rs == "MM106" else 30, 5), 1)
        yld = round(clip(20 + var[v] + 0.5 * girth + 6 * irr + (2 if yr == 2023 else 0) + r.gauss(0, 5), 3, None), 1)
        fwt = round(r.gauss(165 - 5 * (v == "Cox") + 8 * irr, 14), 1)
        cnt = int(yld * 1000 / fwt)
        bh = round(r.gauss(12.5 + (1.2 if v == "Cox" else 0) - 0.4 * irr, 0.9), 1)
        bs = round(bh + r.gauss(0.7, 0.5), 1)
        firm = round(r.gauss(72 - 0.02 * fwt * 10 + 4 * (v == "Braeburn"), 5), 1)
        scab = clip(int(r.expovariate(0.9) + (v == "Cox")), 0, 5)
        if r.random() < 0.04:
            bs = None
        if r.random() < 0.03:
            firm = None
        rows.append([f"T-{i+1:03d}", v, rs, block, irr, girth, yld, cnt, fwt, bh, bs, firm, scab, yr])
    write("orchard_harvest", ["tree_id", "variety", "rootstock", "block", "irrigated", "TrunkGirth_cm",
                              "yield_kg", "fruit_count", "mean_fruit_wt_g", "brix_harvest",
                              "brix_after_storage", "firmness_N", "scab_score", "harvest_year"], rows)


def dialysis_sessions():
    r = random.Random(1103)
    rows = []
    for i in range(150):
        age = int(clip(r.gauss(63, 12), 25, 90))
        sex = r.choice(["M", "F"])
        acc = r.choices(["fistula", "graft", "catheter"], [6, 2, 2])[0]
        diab = 1 if r.random() < 0.42 else 0
        prew = round(r.gauss(80 if sex == "M" else 68, 12), 1)
        uf = clip(r.gauss(2.3 + 0.3 * diab, 0.7), 0.3, 4.5)
        postw = round(prew - uf, 1)
        psbp = int(r.gauss(148 + 6 * diab, 17))
        posbp = int(psbp - r.gauss(12, 10))
        hrs = r.choice([3.5, 4.0, 4.0, 4.5])
        ktv = round(clip(0.9 + 0.18 * hrs + {"fistula": 0.1, "graft": 0.0, "catheter": -0.15}[acc] + r.gauss(0, 0.12), 0.8, 2.2), 2)
        alb = round(clip(r.gauss(3.9 - 0.01 * (age - 60) - 0.25 * (acc == "catheter"), 0.35), 2.2, 5), 2)
        cramp = "Yes" if r.random() < 0.15 + 0.12 * (uf > 2.8) else "No"
        dlz = r.choice(["A", "B"])
        if r.random() < 0.05:
            alb = None
        rows.append([f"P{1000+i}", age, sex, acc, diab, prew, postw, psbp, posbp, hrs, ktv, alb, cramp, dlz])
    write("dialysis_sessions", ["patient_no", "age_yrs", "Sex", "access_type", "diabetic", "pre_weight_kg",
                                "post_weight_kg", "pre_sbp", "post_sbp", "session_hrs", "Kt/V",
                                "Albumin (g/dL)", "cramps", "dialyser"], rows)


def elevator_maintenance():
    r = random.Random(1104)
    mf = {"Kessler": 0, "Nordlift": -6, "Vantor": 5, "Hoshi": -3, "Brandt": 9}
    rows = []
    for i in range(200):
        m = r.choice(list(mf))
        bt = r.choices(["office", "residential", "hospital"], [4, 4, 2])[0]
        age = int(clip(r.gauss(17, 8), 1, 45))
        floors = r.randint(3, 30)
        trips = int(clip(r.gauss(180 + 8 * floors + (120 if bt == "hospital" else 0), 60), 40, None))
        con = r.choice(["full", "basic"])
        mod = 1 if age > 15 and r.random() < 0.4 else 0
        co = max(0, int(r.gauss(3 + 0.15 * age + trips / 300 - 2 * mod + (1.2 if con == "basic" else 0), 1.8)))
        dt = round(max(0.5, r.lognormvariate(math.log(10 + mf[m] + co * 3 + (8 if con == "basic" else 0)), 0.5)), 1)
        df = max(0, int(r.gauss(co * 0.5, 1)))
        mt = round(r.gauss(48 + 0.02 * trips + 0.2 * age, 4), 1)
        score = int(clip(r.gauss(82 - 0.5 * age + 6 * mod, 7), 40, 100))
        if r.random() < 0.04:
            mt = None
        rows.append([f"LFT-{i+1:03d}", m, bt, age, floors, trips, dt, co, con, df, mt, mod, score])
    write("elevator_maintenance", ["lift_id", "manufacturer", "building_type", "age_yrs", "floors_served",
                                   "daily_trips", "downtime_hrs_yr", "callouts_yr", "contract", "door_faults",
                                   "motor_temp_c", "modernised", "inspect_score"], rows)


def mushroom_farm():
    r = random.Random(1105)
    sp = {"oyster": 40, "shiitake": 0, "lions mane": 15}
    sub = {"straw": 10, "sawdust": 0, "coffee grounds": -15, "hardwood pellets": 20}
    rows = []
    for i in range(120):
        s = r.choice(list(sp))
        su = r.choice(list(sub))
        batch = r.randint(1, 3)
        spawn = r.choice([5, 10, 15])
        temp = round(r.gauss(19 + (2 if s == "oyster" else 0), 1.5), 1)
        rh = round(clip(r.gauss(87, 4), 70, 99), 1)
        co2 = int(clip(r.gauss(900, 250), 400, 2000))
        dtp = int(clip(r.gauss(14 + (8 if s == "shiitake" else 0) - 0.3 * spawn, 2.5), 5, 40))
        bw = round(r.gauss(2.5, 0.2), 2)
        f1 = round(clip(260 + sp[s] + sub[su] + 1.5 * spawn + 3 * (rh - 87) - 0.05 * (co2 - 900) + r.gauss(0, 35), 50, None), 0)
        f2 = round(f1 * r.uniform(0.45, 0.8), 0)
        cont = 1 if r.random() < 0.1 + (0.15 if su == "coffee grounds" else 0) else 0
        if cont:
            f2 = round(f2 * 0.6, 0)
        if r.random() < 0.04:
            co2 = None
        rows.append([f"BLK{i+1:03d}", s, su, spawn, temp, rh, co2, dtp, int(f1), int(f2), cont, batch, bw])
    write("mushroom_farm", ["block_code", "species", "substrate", "spawn_rate_pct", "room_temp_c", "RH_pct",
                            "co2_ppm", "days_to_pin", "flush1_g", "flush2_g", "contam", "batch", "bag_wt_kg"], rows)


def equine_endurance():
    r = random.Random(1106)
    br = {"Arabian": 1.5, "Anglo-Arab": 0.8, "Quarter Horse": -1.5, "Other": 0}
    rows = []
    for i in range(160):
        b = r.choices(list(br), [5, 2, 1.5, 2])[0]
        age = r.randint(6, 18)
        rexp = round(clip(r.expovariate(1 / 7), 0, 35), 1)
        dist = r.choice([40, 80, 80, 120, 160])
        terr = r.choice(["flat", "hilly"])
        temp = round(r.gauss(22, 5), 1)
        rw = round(r.gauss(72, 11), 1)
        spd = round(clip(14 + br[b] + 0.08 * rexp - (1.5 if terr == "hilly" else 0) - 0.08 * (temp - 22) + r.gauss(0, 1.4), 8, 22), 2)
        hrp = int(r.gauss(40, 4))
        hrf = int(r.gauss(52 + 0.4 * (temp - 22) + 0.6 * (spd - 14) - br[b], 5))
        rec = round(clip(r.gammavariate(3, 2.5 + 0.2 * (temp - 22) / 5), 1, 30), 1)
        shod = r.choice(["shod", "barefoot"])
        comp = "Y" if r.random() < 0.85 - 0.0015 * dist + (0.05 if b == "Arabian" else 0) else "N"
        if r.random() < 0.04:
            hrf = None
        if r.random() < 0.03:
            rw = None
        rows.append([f"E{i+1:03d}", b, age, rexp, dist, spd, hrp, hrf, rec, comp, terr, shod, temp, rw])
    write("equine_endurance", ["entry_id", "breed", "horse_age", "rider_exp_yrs", "ride_dist_km", "avg_speed_kmh",
                               "HR_pre_bpm", "HR_final_vet_bpm", "recovery_min", "completed", "terrain", "shod",
                               "temp_c", "Rider Weight (kg)"], rows)


def small_claims_court():
    r = random.Random(1107)
    ct = {"debt": 2500, "property damage": 4200, "landlord-tenant": 3100, "consumer": 1400}
    rows = []
    for i in range(300):
        c = r.choice(list(ct))
        house = r.choices(["North", "Central", "South"], [3, 4, 3])[0]
        yr = r.choice([2021, 2022, 2023])
        amt = round(clip(r.lognormvariate(math.log(ct[c]), 0.6), 150, 10000), 2)
        rep = 1 if r.random() < 0.3 else 0
        appeared = "Yes" if r.random() < 0.65 else "No"
        med = "yes" if r.random() < (0.6 if house == "Central" else 0.35) else "no"
        days = int(clip(r.gauss(95 + (25 if house == "South" else 0) - 6 * (yr - 2021), 22), 20, 250))
        mins = int(clip(r.gammavariate(4, 6 + (3 if appeared == "Yes" else 0) + 2 * rep), 5, 120))
        p_win = 0.55 + 0.15 * rep + (0.25 if appeared == "No" else 0)
        u = r.random()
        if med == "yes" and u < 0.35:
            out = "settled"
        elif r.random() < p_win:
            out = "claimant won"
        else:
            out = "defendant won"
        award = round(amt * r.uniform(0.5, 1.0), 2) if out == "claimant won" else (round(amt * r.uniform(0.3, 0.7), 2) if out == "settled" else 0.0)
        jexp = int(clip(r.gauss(12, 6), 1, 35))
        if r.random() < 0.03:
            mins = None
        rows.append([f"SC-{yr}-{i+1:04d}", c, amt, rep, appeared, med, days, mins, out, award, house, yr, jexp])
    write("small_claims_court", ["case_ref", "claim_type", "claim_amt_usd", "claimant_represented",
                                 "defendant_appeared", "mediation_offered", "days_to_hearing", "hearing_mins",
                                 "outcome", "award_usd", "courthouse", "filing_year", "judge_yrs_exp"], rows)


def climbing_gym():
    r = random.Random(1108)
    rows = []
    for i in range(140):
        g = r.choice(["F", "M"])
        age = int(clip(r.gauss(29, 8), 16, 60))
        mem = r.choices(["monthly", "annual", "punch card"], [4, 3, 3])[0]
        spw = clip(int(r.gauss({"monthly": 2.5, "annual": 3.2, "punch card": 1.4}[mem], 0.9) + 0.5), 1, 6)
        yrs = round(clip(r.expovariate(1 / 3), 0.1, 20), 1)
        coached = r.randint(0, 1)
        disc = r.choices(["bouldering", "lead", "both"], [5, 2, 3])[0]
        mass = round(r.gauss(74 if g == "M" else 61, 8), 1)
        ape = round(r.gauss(2, 4), 1)
        gs = round(r.gauss(45 if g == "M" else 31, 6) + 0.8 * yrs, 1)
        g12 = round(gs + r.gauss(1.0 + 0.6 * spw + 1.5 * coached, 2.2), 1)
        grade = int(clip(round(1 + 0.55 * yrs + 0.08 * (gs - 35) + 0.12 * ape + 0.3 * spw + r.gauss(0, 1.2)), 0, 11))
        inj = 1 if r.random() < 0.08 + 0.02 * grade else 0
        if r.random() < 0.05:
            g12 = None
        rows.append([f"M{i+1:04d}", g, age, mem, spw, gs, g12, grade, ape, mass, yrs, inj, coached, disc])
    write("climbing_gym", ["member_id", "gender", "age", "membership", "sessions_per_wk", "grip_kg_start",
                           "grip_kg_12wk", "max_grade_v", "ape_index_cm", "Body Mass (kg)", "yrs_climbing",
                           "finger_injury", "coached", "discipline"], rows)


if __name__ == "__main__":
    for fn in (escape_rooms, orchard_harvest, dialysis_sessions, elevator_maintenance,
               mushroom_farm, equine_endurance, small_claims_court, climbing_gym):
        fn()
    print("wrote", sorted(os.listdir(OUT)))
