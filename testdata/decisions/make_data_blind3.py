#!/usr/bin/env python3
"""Deterministic generator for blind batch b3 datasets (stdlib only)."""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
os.makedirs(OUT, exist_ok=True)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def maybe_missing(rng, v, p):
    return None if rng.random() < p else v


# ---------------------------------------------------------------- 1 hotel
def hotel():
    rng = random.Random(301)
    header = ["booking_id", "hotel", "lead_time", "adr", "nights", "adults", "children",
              "segment", "is_repeat", "canceled", "season", "Review Score",
              "review_len (words)", "room_upgrade", "deposit", "spec_requests"]
    rows = []
    for i in range(220):
        hotel_t = rng.choice(["City", "City", "Resort"])
        season = rng.choice(["winter", "spring", "summer", "autumn"])
        seg = rng.choices(["Online TA", "Offline TA", "Direct", "Corporate", "Groups"],
                          [45, 20, 15, 10, 10])[0]
        lead = int(rng.lognormvariate(3.6 if seg != "Corporate" else 2.3, 0.9))
        lead = clip(lead, 0, 480)
        base = 95 if hotel_t == "City" else 120
        smult = {"winter": 0.8, "spring": 1.0, "summer": 1.35, "autumn": 0.95}[season]
        adr = round(base * smult * rng.lognormvariate(0, 0.25), 2)
        nights = clip(int(rng.expovariate(1 / (2.5 if hotel_t == "City" else 5))) + 1, 1, 21)
        adults = rng.choices([1, 2, 3, 4], [20, 65, 10, 5])[0]
        children = rng.choices([0, 1, 2, 3], [75, 13, 10, 2])[0]
        rep = 1 if rng.random() < (0.25 if seg in ("Direct", "Corporate") else 0.05) else 0
        deposit = rng.choices(["No Deposit", "Non Refund", "Refundable"], [80, 15, 5])[0]
        pc = 0.15 + 0.0008 * lead + (0.35 if deposit == "Non Refund" else 0) - 0.1 * rep
        canceled = "yes" if rng.random() < clip(pc, 0.02, 0.9) else "no"
        upg = "yes" if rng.random() < (0.3 if rep else 0.12) else "no"
        spec = rng.choices([0, 1, 2, 3, 4, 5], [45, 30, 15, 6, 3, 1])[0]
        score = 7.6 + (0.8 if upg == "yes" else 0) - 0.004 * (adr - 110) + 0.2 * spec + rng.gauss(0, 1.1)
        score = round(clip(score, 1, 10), 1)
        if canceled == "yes" or rng.random() < 0.08:
            score = None
            rlen = None
        else:
            rlen = int(rng.lognormvariate(3.8 + 0.15 * abs(score - 7.5), 0.7))
        rows.append([f"BK{10400 + i}", hotel_t, lead, adr, nights, adults, children, seg, rep,
                     canceled, season, score, rlen, upg, deposit, spec])
    write("hotel_bookings.csv", header, rows)


# ---------------------------------------------------------------- 2 pharmacy adherence
def adherence():
    rng = random.Random(302)
    header = ["patient_no", "arm", "Age", "sex", "dx", "n_meds", "copay ($)", "pharmacy_type",
              "PDC_3m", "PDC_12m", "adherent_12m", "missed doses:", "refills",
              "sbp_baseline", "sbp_12m", "ldl"]
    rows = []
    for i in range(160):
        arm = "sms reminder" if i % 2 else "usual care"
        age = int(clip(rng.gauss(63, 11), 30, 90))
        sex = rng.choice([0, 1])
        dx = rng.choices(["hypertension", "diabetes", "hyperlipidemia", "COPD"], [40, 25, 25, 10])[0]
        nmeds = clip(int(rng.gauss(5, 2.2)), 1, 14)
        copay = round(rng.lognormvariate(2.4, 0.8), 2)
        ph = rng.choices(["chain", "independent", "mail-order"], [50, 25, 25])[0]
        eff = 0.08 if arm == "sms reminder" else 0.0
        phe = {"chain": 0, "independent": 0.02, "mail-order": 0.05}[ph]
        p3 = clip(0.82 + eff * 0.6 + phe - 0.003 * copay - 0.008 * (nmeds - 5) + 0.0015 * (age - 63)
                  + rng.gauss(0, 0.09), 0.2, 1.0)
        p12 = clip(p3 - 0.08 + eff + rng.gauss(0, 0.08), 0.1, 1.0)
        adher = "yes" if p12 >= 0.8 else "no"
        missed = max(0, int(rng.gauss((1 - p12) * 90, 6)))
        refills = clip(int(round(p12 * 12 + rng.gauss(0, 1))), 0, 12)
        sb = round(rng.gauss(148, 14))
        s12 = round(sb - 14 * p12 + rng.gauss(0, 9) + 2)
        ldl = round(rng.gauss(125 - 25 * p12 * (1 if dx == "hyperlipidemia" else 0.4), 25))
        ldl = maybe_missing(rng, ldl, 0.1)
        if rng.random() < 0.05:
            s12 = None
        rows.append([f"P{str(i + 1).zfill(4)}", arm, age, sex, dx, nmeds, copay, ph,
                     round(p3, 3), round(p12, 3), adher, missed, refills, sb, s12, ldl])
    write("med_adherence.csv", header, rows)


# ---------------------------------------------------------------- 3 bike trips
def bikes():
    rng = random.Random(303)
    header = ["trip_id", "start_station", "dow", "start_hr", "member_type", "bike_type",
              "duration_min", "dist_km", "Avg.Speed", "elev_gain_m", "Temp (C)", "rain",
              "rider_age", "gender", "weekend", "returned_same_station"]
    stations = ["Harbor St", "Union Sq", "Central Park W", "Museum Dr", "Riverside", "Tech Campus"]
    rows = []
    for i in range(280):
        dow = rng.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        wk = "yes" if dow in ("Sat", "Sun") else "no"
        mem = "casual" if rng.random() < (0.55 if wk == "yes" else 0.3) else "member"
        bt = rng.choices(["classic", "electric", "docked"], [50, 35, 15])[0]
        hr = int(clip(rng.gauss(13, 4.5), 5, 23))
        temp = round(rng.gauss(17, 7), 1)
        rain = 1 if rng.random() < 0.15 else 0
        speed = {"classic": 14, "electric": 19, "docked": 12}[bt] + (1.5 if mem == "member" else -1.5)
        speed = clip(speed + rng.gauss(0, 2.5) - 1.2 * rain, 5, 32)
        dur = rng.lognormvariate(2.4 if mem == "member" else 2.95, 0.55)
        dur = round(clip(dur, 2, 180), 1)
        dist = round(speed * dur / 60 * rng.uniform(0.85, 1.0), 2)
        elev = int(max(0, rng.gauss(dist * 8, 12)))
        age = int(clip(rng.gauss(36 if mem == "member" else 31, 10), 16, 75))
        age = maybe_missing(rng, age, 0.06)
        g = rng.choices(["M", "F", None], [58, 38, 4])[0]
        same = "yes" if rng.random() < (0.35 if mem == "casual" else 0.08) else "no"
        rows.append([100000 + i * 7, rng.choice(stations), dow, hr, mem, bt, dur, dist,
                     round(dist / dur * 60, 1), elev, temp, rain, age, g, wk, same])
    write("bike_trips.csv", header, rows)


# ---------------------------------------------------------------- 4 soil survey
def soil():
    rng = random.Random(304)
    header = ["sample_id", "survey_zone", "land_use", "horizon", "depth_cm", "pH", "OM (%)",
              "clay_pct", "sand_pct", "silt_pct", "bulk_density", "moisture", "N_ppm", "P_ppm",
              "K_ppm", "CEC", "Pb (mg/kg)", "contaminated"]
    rows = []
    for i in range(132):
        zone = ["ridge", "slope", "valley", "floodplain"][i % 4]
        depth = [10, 30, 60][(i // 4) % 3]
        hz = {10: "A", 30: "B", 60: "C"}[depth]
        lu = rng.choices(["forest", "pasture", "cropland"],
                         {"ridge": [60, 30, 10], "slope": [40, 40, 20],
                          "valley": [15, 35, 50], "floodplain": [10, 30, 60]}[zone])[0]
        clay = clip(rng.gauss({"ridge": 14, "slope": 20, "valley": 28, "floodplain": 34}[zone] + depth * 0.08, 5), 3, 60)
        sand = clip(rng.gauss(70 - clay * 1.1, 6), 5, 90)
        silt = round(100 - clay - sand, 1)
        if silt < 0:
            sand += silt
            silt = 0.0
        om = clip(rng.lognormvariate(math.log(4.5 if lu == "forest" else 3 if lu == "pasture" else 2.2)
                                     - depth * 0.012, 0.35), 0.2, 15)
        ph = clip(rng.gauss({"forest": 5.4, "pasture": 6.2, "cropland": 6.6}[lu] + depth * 0.006, 0.45), 3.8, 8.5)
        bd = clip(rng.gauss(1.55 - 0.06 * om + depth * 0.002, 0.08), 0.8, 1.9)
        moist = clip(rng.gauss(10 + 0.35 * clay + 1.2 * om, 3), 2, 50)
        n = clip(rng.gauss(500 * om / 3 + (120 if lu == "cropland" else 0), 90), 20, 3000)
        p = clip(rng.lognormvariate(math.log(18 if lu == "cropland" else 9), 0.6), 1, 200)
        k = clip(rng.gauss(90 + 3 * clay, 30), 20, 500)
        cec = clip(rng.gauss(4 + 0.45 * clay + 2.2 * om, 2.5), 1, 60)
        pb = rng.lognormvariate(math.log({"ridge": 18, "slope": 22, "valley": 35, "floodplain": 70}[zone])
                                - depth * 0.01, 0.75)
        pb = round(pb, 1)
        cont = "yes" if pb > 100 else "no"
        rows.append([f"S-{str(i + 1).zfill(3)}", zone, lu, hz, depth, round(ph, 2), round(om, 2),
                     round(clay, 1), round(sand, 1), silt, round(bd, 2),
                     maybe_missing(rng, round(moist, 1), 0.05), round(n), round(p, 1), round(k),
                     round(cec, 1), pb, cont])
    write("soil_survey.csv", header, rows)


# ---------------------------------------------------------------- 5 sprint metrics
def sprints():
    rng = random.Random(305)
    header = ["Sprint #", "team", "quarter", "method", "remote", "team_size", "pts_committed",
              "Velocity ", "goal_met", "bugs_opened", "bugs_closed", "cycle_time_d",
              "unplanned_work_pct", "overtime_hrs", "deploys", "retro_score"]
    rows = []
    base = {"Alpha": (6, 42), "Bravo": (8, 55), "Charlie": (5, 30), "Delta": (7, 48)}
    meth = {"Alpha": "scrum", "Bravo": "scrum", "Charlie": "kanban", "Delta": "kanban"}
    for team, (size0, v0) in base.items():
        for s in range(1, 25):
            q = (s - 1) // 6 + 1
            size = clip(size0 + rng.choice([-1, 0, 0, 0, 1]), 3, 12)
            remote = "yes" if rng.random() < (0.7 if team in ("Bravo", "Delta") else 0.35) else "no"
            committed = int(round(v0 * size / size0 * rng.uniform(0.95, 1.2)))
            unpl = round(clip(rng.gauss(15, 8), 0, 50), 1)
            vel = int(round(clip(committed * (1 - unpl / 150) + rng.gauss(0, 5 if team != "Charlie" else 9), 5, 120)))
            met = "yes" if vel >= 0.9 * committed else "no"
            bo = max(0, int(rng.gauss(6 + 0.1 * vel / 4 + unpl / 10, 2.5)))
            bc = max(0, int(bo + rng.gauss(0, 2)))
            ct = round(rng.lognormvariate(math.log(3.2 if meth[team] == "kanban" else 4.5) + unpl / 100, 0.45), 1)
            ot = round(clip(rng.gauss(4 + 0.3 * unpl - 0.1 * (vel - committed), 4), 0, 40), 1)
            dep = max(0, int(rng.gauss(6 if meth[team] == "kanban" else 2.5, 1.8)))
            retro = clip(round(rng.gauss(3.9 - 0.04 * ot + (0.2 if met == "yes" else -0.2), 0.6), 1), 1, 5)
            retro = maybe_missing(rng, retro, 0.06)
            rows.append([s, team, q, meth[team], remote, size, committed, vel, met, bo, bc, ct,
                         unpl, ot, dep, retro])
    write("sprint_metrics.csv", header, rows)


# ---------------------------------------------------------------- 6 whitening (paired)
def whitening():
    rng = random.Random(306)
    header = ["subj", "clinic", "product", "age", "sex", "smoker", "coffee_cups/day",
              "shade_pre", "shade_post", "L* baseline", "L* wk2", "sens_pre", "sens_post",
              "gum_irritation", "satisfied"]
    rows = []
    for i in range(96):
        prod = ["gel tray", "strips", "in-office laser"][i % 3]
        clinic = 1 if i < 48 else 2
        age = int(clip(rng.gauss(34, 10), 18, 65))
        sex = rng.choices(["F", "M"], [62, 38])[0]
        smk = 1 if rng.random() < 0.2 else 0
        coffee = rng.choices([0, 1, 2, 3, 4, 5], [15, 25, 30, 15, 10, 5])[0]
        pre = int(clip(round(rng.gauss(9 + 0.6 * coffee + 1.5 * smk, 2.2)), 1, 16))
        gain = {"gel tray": 3.0, "strips": 2.0, "in-office laser": 4.5}[prod]
        post = int(clip(round(pre - gain - rng.gauss(0, 1.3) + 0.5 * smk), 1, 16))
        lb = round(clip(rng.gauss(78 - 0.8 * pre, 2.0), 55, 95), 1)
        lw = round(lb + gain * 1.1 + rng.gauss(0, 1.6), 1)
        sp = round(clip(rng.lognormvariate(0.3, 0.7) - 0.5, 0, 10), 1)
        sq = round(clip(sp + {"gel tray": 1.0, "strips": 0.6, "in-office laser": 2.2}[prod] + rng.gauss(0, 1.2), 0, 10), 1)
        gum = "yes" if rng.random() < {"gel tray": 0.2, "strips": 0.1, "in-office laser": 0.3}[prod] else "no"
        sat = "yes" if (pre - post) + rng.gauss(0, 1.5) > 2.8 else "no"
        if rng.random() < 0.04:
            post = None
            lw = None
        rows.append([f"W{str(i + 1).zfill(3)}", clinic, prod, age, sex, smk, coffee, pre, post,
                     lb, lw, sp, sq, gum, sat])
    write("whitening_trial.csv", header, rows)


# ---------------------------------------------------------------- 7 charity campaigns
def charity():
    rng = random.Random(307)
    header = ["campaign_id", "Channel", "cause", "year", "region", "goal_usd", "raised_usd",
              "donors", "avg_gift", "duration (days)", "ad_spend", "staff_fte", "match_funding",
              "video", "repeat_donor_pct", "met_goal"]
    rows = []
    for i in range(150):
        ch = rng.choices(["email", "social media", "direct mail", "event"], [30, 30, 20, 20])[0]
        cause = rng.choice(["health", "education", "environment", "animal welfare", "disaster relief"])
        year = rng.choice([2019, 2020, 2021, 2022, 2023])
        region = rng.choices(["urban", "rural"], [65, 35])[0]
        goal = rng.choice([5000, 10000, 15000, 25000, 50000, 100000])
        dur = rng.choice([14, 21, 30, 45, 60, 90])
        spend = round(rng.lognormvariate(math.log(goal * 0.05), 0.6), 0)
        staff = round(clip(rng.gauss(1.5 + goal / 50000, 0.7), 0.2, 6), 1)
        match = 1 if rng.random() < 0.3 else 0
        video = "yes" if rng.random() < (0.6 if ch == "social media" else 0.25) else "no"
        gift_mu = {"email": 55, "social media": 35, "direct mail": 70, "event": 120}[ch]
        avg_gift = round(rng.lognormvariate(math.log(gift_mu), 0.4), 2)
        donors = int(rng.lognormvariate(math.log(goal / gift_mu * 0.6) + 0.35 * match
                                        + (0.2 if video == "yes" else 0) + 0.15 * math.log(spend / (goal * 0.05) + 0.1)
                                        + (0.4 if cause == "disaster relief" else 0), 0.5))
        donors = max(3, donors)
        raised = round(donors * avg_gift, 2)
        rep = round(clip(rng.gauss(35 if ch in ("direct mail", "email") else 20, 10), 0, 90), 1)
        rep = maybe_missing(rng, rep, 0.07)
        rows.append([f"C{year}-{str(i + 1).zfill(3)}", ch, cause, year, region, goal, raised, donors,
                     avg_gift, dur, spend, staff, match, video, rep,
                     "yes" if raised >= goal else "no"])
    write("charity_campaigns.csv", header, rows)


# ---------------------------------------------------------------- 8 ED waits
def ed():
    rng = random.Random(308)
    header = ["visit_id", "site", "triage", "arrival", "shift", "weekend", "age_yrs", "sex",
              "pain_0_10", "occupancy_%", "nurses_on_duty", "wait_triage_min", "wait_doc_min",
              "LOS (hrs)", "admitted", "LWBS"]
    rows = []
    for i in range(250):
        site = rng.choice(["North", "South"])
        tri = rng.choices([1, 2, 3, 4, 5], [3, 15, 40, 30, 12])[0]
        arr = rng.choices(["ambulance", "walk-in", "GP referral"],
                          [60 if tri <= 2 else 15, 60, 25])[0]
        shift = rng.choices(["day", "evening", "night"], [45, 35, 20])[0]
        wk = 1 if rng.random() < 2 / 7 else 0
        age = int(clip(rng.gauss(48 + (12 if arr == "ambulance" else 0), 21), 0, 99))
        sex = rng.choice(["F", "M"])
        pain = int(clip(round(rng.gauss(8 - tri, 2)), 0, 10))
        occ = round(clip(rng.gauss(85 + (8 if shift == "evening" else 0) + (5 if wk else 0), 10), 50, 130), 1)
        nurses = int(clip(round(rng.gauss({"day": 12, "evening": 10, "night": 7}[shift], 1.5)), 4, 16))
        wt = round(clip(rng.lognormvariate(math.log(4 + 3 * (tri - 1)), 0.5), 0, 120))
        wd = rng.lognormvariate(math.log(8 * tri ** 1.3) + 0.02 * (occ - 85) - 0.05 * (nurses - 10), 0.6)
        wd = round(clip(wd, 1, 600))
        adm_p = {1: 0.85, 2: 0.6, 3: 0.35, 4: 0.1, 5: 0.03}[tri] + 0.003 * (age - 48)
        adm = "Y" if rng.random() < clip(adm_p, 0.01, 0.95) else "N"
        lwbs = "yes" if (tri >= 4 and wd > 90 and rng.random() < 0.5) else "no"
        los = round(clip(rng.lognormvariate(math.log(2.5 + (2.5 if adm == "Y" else 0)) + wd / 300, 0.45), 0.3, 48), 2)
        if lwbs == "yes":
            los = None
        if rng.random() < 0.03:
            pain = None
        rows.append([f"ED{24000 + i}", site, tri, arr, shift, wk, age, sex, pain, occ, nurses,
                     wt, wd, los, adm, lwbs])
    write("ed_waits.csv", header, rows)


if __name__ == "__main__":
    hotel()
    adherence()
    bikes()
    soil()
    sprints()
    whitening()
    charity()
    ed()
    print("wrote", sorted(os.listdir(OUT)))
