#!/usr/bin/env python3
"""Deterministic generator for blind batch b2 datasets (standard library only)."""
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


def blank_some(rows, col_idx, k, rng):
    for i in rng.sample(range(len(rows)), k):
        rows[i][col_idx] = None


# 1. veterinary clinic ------------------------------------------------------
def vet():
    rng = random.Random(201)
    header = ["patient_no", "species", "Sex", "age_yrs", "Weight (kg)", "wt_6wk_kg", "diet",
              "neutered", "vaccinated", "clinic ", "temp_c", "HR_bpm", "BCS", "nsaid_dose",
              "pain_pre", "pain_post", "visit_cost"]
    rows = []
    clinics = ["north", "south", "east", "west"]
    for i in range(120):
        sp = rng.choices(["dog", "cat", "rabbit"], [0.5, 0.35, 0.15])[0]
        sex = rng.choice(["M", "F"])
        age = round(clip(rng.gammavariate(2.2, 2.5), 0.3, 18), 1)
        if sp == "dog":
            wt = clip(rng.gauss(22, 9), 3, 55); t0, hr0 = 38.6, 100
        elif sp == "cat":
            wt = clip(rng.gauss(4.6, 1.1), 2, 9); t0, hr0 = 38.7, 180
        else:
            wt = clip(rng.gauss(2.1, 0.45), 1, 4); t0, hr0 = 39.2, 220
        diet = rng.choice(["standard", "low-cal"])
        ch = rng.gauss(-0.055, 0.025) if diet == "low-cal" else rng.gauss(0.004, 0.02)
        wt6 = wt * (1 + ch)
        neut = "yes" if rng.random() < (0.75 if age > 1 else 0.3) else "no"
        if neut == "yes":
            wt *= 1.06
            wt6 *= 1.06
        clinic = rng.choice(clinics)
        vacc = "yes" if rng.random() < {"north": 0.85, "south": 0.7, "east": 0.6, "west": 0.8}[clinic] else "no"
        temp = round(rng.gauss(t0, 0.45), 1)
        hr = int(round(rng.gauss(hr0, hr0 * 0.12) + 8 * (temp - t0)))
        bcs = int(clip(round(5 + rng.gauss(0, 1.2) + (1 if neut == "yes" else 0)), 1, 9))
        dose = rng.choice([0, 25, 50])
        pre = int(clip(round(rng.gauss(6, 1.8)), 1, 10))
        post = int(clip(round(pre - 0.04 * dose - rng.gauss(0.6, 1.1)), 0, 10))
        cost = round(math.exp(rng.gauss(4.9, 0.55)) + (40 if sp == "dog" else 0) + 3 * age, 2)
        rows.append([f"V{1001 + i}", sp, sex, age, round(wt, 2), round(wt6, 2), diet, neut, vacc,
                     clinic, temp, hr, bcs, dose, pre, post, cost])
    blank_some(rows, 5, 4, rng)    # wt_6wk_kg lost to follow-up
    blank_some(rows, 16, 2, rng)   # visit_cost
    write("vet_clinic.csv", header, rows)


# 2. online course learning analytics ----------------------------------------
def course():
    rng = random.Random(202)
    header = ["student_id", "cohort", "delivery", "device", "region", "age", "videos_watched",
              "forum_posts", "hrs_on_platform", "pretest_score", "posttest_score", "Quiz Avg (%)",
              "final_grade", "completed", "paid_cert", "login.days"]
    rows = []
    regions = ["americas", "europe", "asia", "africa", "oceania"]
    for i in range(200):
        cohort = rng.choice([2021, 2022, 2023])
        deliv = rng.choice(["self-paced", "instructor-led"])
        dev = rng.choices(["desktop", "mobile", "tablet"], [0.5, 0.35, 0.15])[0]
        reg = rng.choices(regions, [0.3, 0.28, 0.22, 0.12, 0.08])[0]
        age = int(clip(18 + rng.gammavariate(2.0, 7.0), 18, 68))
        hrs = round(clip(rng.lognormvariate(2.6, 0.7), 0.5, 120), 1)
        vids = int(clip(round(hrs * 1.2 + rng.gauss(5, 6)), 0, 60))
        lam = 0.15 * hrs + (2 if deliv == "instructor-led" else 0)
        posts = 0
        t = rng.expovariate(1.0)
        while t < lam:
            posts += 1
            t += rng.expovariate(1.0)
        if rng.random() < 0.25:
            posts = 0
        logins = int(clip(round(hrs * 0.9 + rng.gauss(6, 4)), 1, 90))
        pre = round(clip(rng.gauss(45, 11), 10, 90), 1)
        gain = rng.gauss(9 if deliv == "instructor-led" else 6, 7) + 0.1 * hrs
        post = round(clip(pre + gain, 5, 100), 1)
        quiz = round(clip(rng.gauss(68, 12) + 0.15 * hrs, 20, 100), 1)
        final = round(clip(0.45 * quiz + 0.3 * post + 0.12 * hrs + rng.gauss(5, 7)
                           + (3 if deliv == "instructor-led" else 0) - (3 if dev == "mobile" else 0), 0, 100), 1)
        p_comp = 1 / (1 + math.exp(-(0.06 * hrs - 0.6 + (0.8 if dev == "desktop" else 0))))
        paid = 1 if rng.random() < 0.3 else 0
        if paid:
            p_comp = min(0.97, p_comp + 0.2)
        comp = "yes" if rng.random() < p_comp else "no"
        rows.append([f"S{20000 + i * 7}", cohort, deliv, dev, reg, age, vids, posts, hrs, pre, post,
                     quiz, final, comp, paid, logins])
    # a few non-completers without a final grade
    nc = [r for r in rows if r[13] == "no"]
    for r in rng.sample(nc, 6):
        r[12] = None
    blank_some(rows, 5, 3, rng)
    write("course_analytics.csv", header, rows)


# 3. wine chemistry lab -------------------------------------------------------
def wine():
    rng = random.Random(203)
    header = ["sample_id", "cultivar", "vintage", "region", "Alcohol (%)", "fixed.acidity",
              "volatile.acidity", "residual.sugar", "pH_meterA", "pH_meterB", "free.SO2", "total.SO2",
              "sulphates", "colour_int", "quality", "oak_aged", "analyst"]
    rows = []
    for i in range(150):
        cv = rng.choice(["Merlot", "Shiraz", "Pinot Noir"])
        vint = rng.choice([2018, 2019, 2020, 2021])
        reg = rng.choice(["coastal", "inland"])
        alc = round(clip(rng.gauss({"Merlot": 13.4, "Shiraz": 14.1, "Pinot Noir": 12.9}[cv], 0.6)
                         + (0.3 if reg == "inland" else 0), 10.5, 15.8), 1)
        fa = round(clip(rng.gauss(7.4, 1.1), 4.8, 11.5), 1)
        va = round(clip(rng.gauss(0.52, 0.14) + (0.05 if reg == "coastal" else 0), 0.15, 1.1), 2)
        rs = round(clip(rng.lognormvariate(0.8, 0.6), 0.8, 16), 1)
        ph = round(clip(3.95 - 0.09 * fa + rng.gauss(0, 0.08) + 0.01 * (alc - 13), 2.9, 4.0), 2)
        phb = round(ph + 0.03 + rng.gauss(0, 0.025), 2)
        fso2 = int(clip(round(rng.gammavariate(3, 5)), 2, 60))
        tso2 = int(clip(round(fso2 * 2.4 + rng.gauss(25, 14)), 8, 180))
        sul = round(clip(rng.gauss(0.64, 0.13), 0.35, 1.3), 2)
        col = round(clip(rng.gauss({"Merlot": 5.5, "Shiraz": 7.2, "Pinot Noir": 3.6}[cv], 1.1 + (0.6 if cv == "Shiraz" else 0))
                         + 0.15 * (vint - 2018), 1.2, 12), 2)
        oak = "yes" if rng.random() < (0.6 if reg == "inland" else 0.35) else "no"
        q = int(clip(round(5.6 + 0.45 * (alc - 13.4) - 2.2 * (va - 0.52) + 1.2 * (sul - 0.64)
                           + (0.3 if oak == "yes" else 0) + rng.gauss(0, 0.7)), 3, 9))
        an = rng.choice(["JK", "MR"])
        if an == "MR":
            tso2 = int(clip(tso2 + rng.gauss(0, 12), 8, 200))
        rows.append([f"W-{vint}-{i + 1:03d}", cv, vint, reg, alc, fa, va, rs, ph, phb, fso2, tso2,
                     sul, col, q, oak, an])
    blank_some(rows, 9, 3, rng)    # pH_meterB not run
    blank_some(rows, 7, 2, rng)
    write("wine_lab.csv", header, rows)


# 4. fitness tracker daily logs ----------------------------------------------
def fitness():
    rng = random.Random(204)
    header = ["user_id", "program", "day", "weekday", "weekend", "steps ", "Sleep (hrs)", "resting_hr",
              "active_min", "kcal_burned", "wt_am_kg", "wt_pm_kg", "Mood (1-10)", "caffeine_mg", "stress"]
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    rows = []
    for u in range(12):
        prog = ["walking", "running", "cycling"][u % 3]
        base_steps = rng.gauss({"walking": 9500, "running": 11000, "cycling": 7000}[prog], 1500)
        base_hr = rng.gauss(62, 6)
        base_wt = rng.gauss(76, 12)
        base_sleep = rng.gauss(7.0, 0.5)
        caf_base = rng.choice([0, 80, 150, 250])
        start = rng.randrange(7)
        for d in range(1, 21):
            wd = days[(start + d - 1) % 7]
            we = "yes" if wd in ("Sat", "Sun") else "no"
            stress = rng.choices(["low", "medium", "high"],
                                 [0.5, 0.35, 0.15] if we == "yes" else [0.3, 0.45, 0.25])[0]
            act = int(clip(round(rng.gauss(45, 18) + (15 if we == "yes" else 0)
                                 + (15 if prog == "running" else 0)), 0, 180))
            steps = int(clip(round(base_steps + 90 * (act - 45) + rng.gauss(0, 1600)
                                   + (1200 if we == "yes" else 0)), 800, 30000))
            caf = int(clip(round(caf_base + rng.gauss(0, 40)), 0, 500))
            sleep = round(clip(base_sleep - 0.003 * caf - {"low": 0, "medium": 0.3, "high": 0.8}[stress]
                               * (1 + caf / 300) + (0.5 if we == "yes" else 0) + rng.gauss(0, 0.7), 3.5, 10.5), 1)
            rhr = int(round(base_hr + {"low": 0, "medium": 1.5, "high": 4}[stress] + rng.gauss(0, 2.5) - 0.4 * (sleep - 7)))
            kcal = int(round(1900 + 0.02 * base_wt * 10 + 7.5 * act + 0.03 * steps + rng.gauss(0, 120)))
            wam = round(base_wt - 0.02 * d + rng.gauss(0, 0.35), 1)
            wpm = round(wam + rng.gauss(0.7, 0.4), 1)
            mood = int(clip(round(5.5 + 0.6 * (sleep - 7) - {"low": -0.5, "medium": 0, "high": 1.2}[stress]
                                  + rng.gauss(0, 1.2)), 1, 10))
            rows.append([f"U{u + 1:02d}", prog, d, wd, we, steps, sleep, rhr, act, kcal, wam, wpm,
                         mood, caf, stress])
    blank_some(rows, 5, 5, rng)    # tracker not worn
    blank_some(rows, 6, 4, rng)
    blank_some(rows, 11, 3, rng)
    write("fitness_log.csv", header, rows)


# 5. insurance claims ---------------------------------------------------------
def insurance():
    rng = random.Random(205)
    header = ["claim_id", "policy_type", "channel", "area", "holder_age", "gender", "Claim Amount ($)",
              "paid_amt", "settle_days", "prior_claims", "fraud_flag", "approved", "premium_annual",
              "credit score", "veh_age", "adjuster"]
    rows = []
    for i in range(250):
        pt = rng.choices(["auto", "home", "health", "travel"], [0.4, 0.25, 0.22, 0.13])[0]
        ch = rng.choices(["online", "broker", "phone"], [0.45, 0.35, 0.2])[0]
        area = rng.choices(["urban", "rural"], [0.65, 0.35])[0]
        age = int(clip(rng.gauss(46, 14), 18, 88))
        g = rng.choice(["F", "M"])
        mu = {"auto": 8.0, "home": 8.6, "health": 7.6, "travel": 6.6}[pt]
        amt = round(rng.lognormvariate(mu + (0.15 if area == "rural" else 0), 0.8), 2)
        prior = min(6, int(rng.expovariate(0.9)))
        credit = int(clip(rng.gauss(690, 70), 450, 850))
        fraud_p = 0.06 + (0.08 if ch == "online" else 0) + 0.03 * prior
        fraud = 1 if rng.random() < fraud_p else 0
        appr_p = 0.85 - (0.55 if fraud else 0)
        approved = "yes" if rng.random() < appr_p else "no"
        if approved == "yes":
            paid = round(amt * clip(rng.gauss(0.82, 0.1), 0.3, 1.0), 2)
        else:
            paid = 0.0
        settle = int(clip(round(rng.gammavariate(2.5, 9) + (10 if pt == "home" else 0) + (15 if fraud else 0)), 1, 200))
        prem = round(clip({"auto": 950, "home": 1200, "health": 2600, "travel": 180}[pt]
                          + 6 * (age - 46) - 1.6 * (credit - 690) + 120 * prior + rng.gauss(0, 180), 60, 6000), 2)
        veh = int(clip(round(rng.gammavariate(2, 3.5)), 0, 25)) if pt == "auto" else None
        adj = rng.choice(["A", "B", "C", "D", "E", "F"])
        if adj in ("C", "F"):
            settle += rng.randint(5, 15)
        rows.append([f"CLM{700000 + i * 13}", pt, ch, area, age, g, amt, paid, settle, prior, fraud,
                     approved, prem, credit, veh, adj])
    blank_some(rows, 13, 6, rng)   # credit score unavailable
    write("insurance_claims.csv", header, rows)


# 6. crop irrigation experiment ----------------------------------------------
def irrigation():
    rng = random.Random(206)
    header = ["plot", "block", "irrigation", "N_rate", "variety", "water applied (mm)", "soil_moist_wk2",
              "soil_moist_wk10", "plant_ht_cm", "yield (t/ha)", "lodging", "leaf_N_pct", "ET_mm", "WUE",
              "canopy_temp"]
    rows = []
    pid = 100
    for b in range(1, 5):
        beff = rng.gauss(0, 0.35)
        for irr in ["drip", "sprinkler", "furrow", "rainfed"]:
            for n in [0, 60, 120]:
                for var in ["Kestrel", "Osprey"]:
                    pid += 1
                    water = {"drip": 260, "sprinkler": 320, "furrow": 410, "rainfed": 0}[irr] + rng.gauss(0, 18)
                    water = max(0.0, water)
                    m2 = rng.gauss(31, 3)
                    m10 = m2 - {"drip": 4, "sprinkler": 5, "furrow": 3, "rainfed": 11}[irr] + rng.gauss(0, 2.5)
                    irr_eff = {"drip": 1.6, "sprinkler": 1.3, "furrow": 1.1, "rainfed": 0}[irr]
                    nresp = (0.025 if irr != "rainfed" else 0.01) * n - 0.00008 * n * n
                    y = 4.2 + irr_eff + nresp + (0.35 if var == "Osprey" else 0) + beff + rng.gauss(0, 0.5 + (0.3 if irr == "rainfed" else 0))
                    ht = 78 + 6 * irr_eff + 0.08 * n + (6 if var == "Kestrel" else 0) + rng.gauss(0, 6)
                    lod_p = 0.05 + 0.0025 * n + (0.15 if var == "Kestrel" else 0) + (0.05 if irr == "furrow" else 0)
                    lod = "yes" if rng.random() < lod_p else "no"
                    leafn = 2.4 + 0.009 * n + 0.1 * irr_eff + rng.gauss(0, 0.25)
                    et = 300 + 0.45 * water + rng.gauss(0, 25)
                    wue = y * 100 / et * math.exp(rng.gauss(0, 0.2 + (0.15 if irr == "rainfed" else 0)))
                    ct = 31.5 - 0.25 * m10 + (1.5 if irr == "rainfed" else 0) + rng.gauss(0, 0.8)
                    rows.append([f"P{pid}", b, irr, n, var, round(water, 1), round(m2, 1), round(m10, 1),
                                 round(ht, 1), round(y, 2), lod, round(leafn, 2), round(et, 1), round(wue, 3),
                                 round(ct, 1)])
    blank_some(rows, 9, 2, rng)    # yield lost (bird damage)
    blank_some(rows, 7, 2, rng)
    write("irrigation_trial.csv", header, rows)


# 7. call centre performance ---------------------------------------------------
def callcentre():
    rng = random.Random(207)
    header = ["agent_id", "team", "shift", "site", "tenure:", "calls_handled", "AHT (sec)", "FCR %",
              "csat_q1", "csat_q2", "escalations", "coached", "absent_days", "qa_score", "remote", "Sales Conv."]
    rows = []
    for i in range(160):
        team = rng.choice(["Alpha", "Bravo", "Charlie", "Delta"])
        shift = rng.choices(["day", "evening", "night"], [0.5, 0.3, 0.2])[0]
        site = rng.choice(["Leeds", "Cardiff"])
        ten = int(clip(round(rng.gammavariate(1.8, 14)), 1, 144))
        coached = "yes" if rng.random() < 0.45 else "no"
        remote = 1 if rng.random() < (0.55 if site == "Leeds" else 0.3) else 0
        aht = round(clip(rng.gauss(420, 60) - 0.9 * ten + {"day": 0, "evening": 15, "night": 40}[shift]
                         - (20 if coached == "yes" else 0) + (rng.gauss(0, 35) if site == "Cardiff" else 0), 200, 800))
        calls = int(round(clip(3600 * 7 * 0.75 / aht * 20 + rng.gauss(0, 40)
                               + {"Alpha": 10, "Bravo": 0, "Charlie": -25, "Delta": 5}[team], 150, 1200)))
        fcr = round(clip(rng.gauss(72, 7) + 0.08 * ten + {"Alpha": 2, "Bravo": 0, "Charlie": -3, "Delta": 1}[team], 40, 98), 1)
        esc = min(40, int(rng.expovariate(1 / 5.0)))
        q1 = round(clip(rng.gauss(4.0, 0.35) + 0.01 * (fcr - 72) - 0.015 * esc, 1, 5), 2)
        q2 = round(clip(q1 + rng.gauss(0.08 if coached == "yes" else 0.0, 0.2), 1, 5), 2)
        absent = min(30, int(rng.expovariate(1 / 3.0)))
        qa = round(clip(rng.gauss(78, 8) + 0.05 * ten + (3 if coached == "yes" else 0), 40, 100), 1)
        conv = round(clip(rng.gauss(0.12, 0.04) + (0.03 if coached == "yes" and shift == "day" else 0), 0, 0.4), 3)
        rows.append([f"AG{3100 + i}", team, shift, site, ten, calls, aht, fcr, q1, q2, esc, coached, absent,
                     qa, remote, conv])
    blank_some(rows, 9, 5, rng)    # csat_q2 not yet available (left)
    blank_some(rows, 13, 2, rng)
    write("call_centre.csv", header, rows)


# 8. psychology: Stroop reaction-time experiment -----------------------------
def stroop():
    rng = random.Random(208)
    header = ["subj", "age", "sex", "hand", "group", "order", "RT_congruent (ms)", "RT_incongruent (ms)",
              "RT_neutral (ms)", "acc_cong", "acc_incong", "anx_score", "caffeine", "session", "sleep_hrs"]
    rows = []
    for i in range(64):
        grp = "sleep_dep" if i % 2 else "rested"
        age = int(clip(rng.gammavariate(3, 2.5) + 18, 18, 45))
        sex = rng.choice([0, 1])
        hand = "L" if rng.random() < 0.13 else "R"
        order = rng.choice(["CI", "IC"])
        sess = rng.choice(["am", "pm"])
        caf = "yes" if rng.random() < 0.4 else "no"
        sleep = round(clip(rng.gauss(3.2, 1.0) if grp == "sleep_dep" else rng.gauss(7.6, 0.8), 0, 10), 1)
        anx = int(clip(round(rng.gauss(40, 9) + (4 if grp == "sleep_dep" else 0)), 20, 75))
        base = rng.lognormvariate(math.log(590), 0.13) + 2.5 * (age - 22) + (45 if grp == "sleep_dep" else 0)
        cong = base + rng.gauss(0, 20)
        neut = base + 25 + rng.gauss(0, 22)
        inc = base + 85 + (30 if grp == "sleep_dep" else 0) + (25 if grp == "sleep_dep" and sess == "am" else 0) \
            + 1.2 * (anx - 40) + rng.gauss(0, 35)
        accc = clip(rng.gauss(0.965, 0.02), 0.85, 1.0)
        acci = clip(accc - rng.gauss(0.045, 0.03) - (0.03 if grp == "sleep_dep" else 0), 0.6, 1.0)
        rows.append([f"P{i + 1:03d}", age, sex, hand, grp, order, round(cong), round(inc), round(neut),
                     round(accc, 3), round(acci, 3), anx, caf, sess, sleep])
    blank_some(rows, 11, 2, rng)   # questionnaire not returned
    write("stroop_rt.csv", header, rows)


if __name__ == "__main__":
    vet()
    course()
    wine()
    fitness()
    insurance()
    irrigation()
    callcentre()
    stroop()
    for fn in sorted(os.listdir(OUT)):
        with open(os.path.join(OUT, fn)) as f:
            r = list(csv.reader(f))
        print(f"{fn}: {len(r) - 1} rows, {len(r[0])} columns")
