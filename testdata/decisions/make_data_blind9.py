#!/usr/bin/env python3
"""Deterministic generator for the blind9 datasets (standard library only).

Writes 8 CSV files into data/ beside this script. Each dataset uses its own
fixed random.Random(seed), so re-running gives byte-identical files.
"""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    print("wrote %-28s %4d rows x %2d cols" % (name + ".csv", len(rows), len(header)))


def blank_some(rng, rows, col_idx, k):
    """Set k randomly chosen cells of column col_idx to missing."""
    for i in rng.sample(range(len(rows)), k):
        rows[i][col_idx] = None


# ---------------------------------------------------------------- 1
def ambulance_dispatch():
    rng = random.Random(9101)
    header = ["IncidentID", "call_priority", "Shift", "district", "weekend",
              "dispatch_delay_s", "dist_km", "response_min", "on_scene_min",
              "patient_age", "transported", "crew_size", "Paramedic Yrs Exp", "ALS_unit"]
    dist_mult = {"North": 1.1, "South": 1.0, "East": 1.2, "West": 1.45, "Central": 0.6}
    shift_add = {"Day": 0.0, "Evening": 0.4, "Night": 1.0}
    rows = []
    for i in range(300):
        pri = rng.choices([1, 2, 3], weights=[0.3, 0.45, 0.25])[0]
        shift = rng.choices(["Day", "Evening", "Night"], weights=[0.4, 0.35, 0.25])[0]
        district = rng.choice(list(dist_mult))
        weekend = 1 if rng.random() < 2 / 7 else 0
        delay = round(rng.expovariate(1 / (30 + 12 * pri)))
        dist = round(max(0.3, rng.lognormvariate(1.25, 0.5) * dist_mult[district]), 1)
        sd = {"Day": 1.0, "Evening": 1.3, "Night": 1.9}[shift]
        resp = (2.2 + delay / 60 + 1.05 * dist + 0.7 * (pri - 1) + shift_add[shift]
                + 0.5 * weekend + rng.gauss(0, sd))
        resp = round(max(1.5, resp), 1)
        crew = 3 if rng.random() < (0.5 if pri == 1 else 0.2) else 2
        yrs = rng.randint(1, 25)
        als = "Y" if rng.random() < (0.55 if pri == 1 else 0.3) else "N"
        scene = (17 + (4 if pri == 1 else 0) - 2.2 * (crew == 3) - 0.15 * yrs
                 + rng.gauss(0, 4.5))
        scene = round(max(4.0, scene), 1)
        age = int(clip(rng.triangular(0, 98, 72), 0, 98))
        p_tr = 0.35 + 0.25 * (pri == 1) + 0.15 * (age > 70) + 0.12 * (als == "Y")
        transported = 1 if rng.random() < p_tr else 0
        rows.append([f"EMS-{23001 + i}", pri, shift, district, weekend, delay, dist,
                     resp, scene, age, transported, crew, yrs, als])
    blank_some(rng, rows, 9, 11)   # patient_age
    blank_some(rng, rows, 8, 3)    # on_scene_min
    write("ambulance_dispatch", header, rows)


# ---------------------------------------------------------------- 2
def tyre_wear():
    rng = random.Random(9202)
    header = ["TyreID", "Brand", "compound", "batch", "surface", "tread_start_mm",
              "tread_end_mm", "dist_km", "Pressure.psi", "ambient_temp_c", "vehicle_wt_kg",
              "wear_rate", "Wet Grip Index", "Rolling Resist (kg/t)", "failed_insp"]
    base = {"Soft": 0.31, "Medium": 0.24, "Hard": 0.18}
    rows = []
    for i in range(120):
        brand = "Apex" if i % 2 == 0 else "Norda"
        comp = ["Soft", "Medium", "Hard"][(i // 2) % 3]
        batch = rng.randint(1, 4)
        surface = rng.choice(["asphalt", "concrete"])
        start = round(rng.gauss(8.0, 0.15) + (0.12 if batch == 3 else 0.0), 2)
        dist = int(round(rng.uniform(8000, 20000), -2))
        psi = round(rng.gauss(33, 2.5), 1)
        temp = round(rng.gauss(18, 7), 1)
        wt = int(round(rng.gauss(1550, 220)))
        noise_sd = 0.022 if brand == "Apex" else 0.045
        wear = (base[comp] + 0.004 * (temp - 18) + 0.00008 * (wt - 1550)
                + 0.008 * (33 - psi) + (0.02 if surface == "concrete" else 0.0)
                + rng.gauss(0, noise_sd))
        wear = round(max(0.08, wear), 3)
        end = round(max(1.0, start - wear * dist / 1000), 2)
        grip = rng.gauss(1.42 if brand == "Apex" else 1.36, 0.06) + (0.05 if comp == "Soft" else 0)
        grip = round(grip, 2)
        rr = (7.6 + 2.5 * (grip - 1.38) - (0.6 if comp == "Hard" else 0.0)
              + rng.gauss(0, 0.35 if brand == "Apex" else 0.7))
        rr = round(rr, 2)
        failed = 1 if rng.random() < (0.28 if comp == "Soft" else 0.09) else 0
        rows.append([f"T-{i + 1:04d}", brand, comp, batch, surface, start, end, dist, psi,
                     temp, wt, wear, grip, rr, failed])
    blank_some(rng, rows, 8, 2)    # Pressure.psi
    blank_some(rng, rows, 12, 3)   # Wet Grip Index
    write("tyre_wear", header, rows)


# ---------------------------------------------------------------- 3
def anticoag_clinic():
    rng = random.Random(9303)
    header = ["patient_no", "Age", "Sex", "wt_kg", "clinic_site", "VKORC1",
              "CYP2C9_variant", "dose_mg", "on_amiodarone", "vitK_diet_score",
              "INR_baseline", "INR_wk6", "Adherence (%)", "TTR_pct", "bleed_event"]
    geno_f = {"GG": 0.8, "GA": 1.0, "AA": 1.45}
    site_add = {"Riverside": 4.0, "Hillcrest": 0.0, "Docklands": -6.0}
    site_sd = {"Riverside": 7.0, "Hillcrest": 8.0, "Docklands": 15.0}
    rows = []
    for i in range(180):
        age = int(clip(rng.gauss(68, 11), 30, 95))
        sex = rng.choice(["M", "F"])
        wt = round(rng.gauss(84, 13) if sex == "M" else rng.gauss(70, 12), 1)
        site = rng.choices(list(site_add), weights=[0.4, 0.35, 0.25])[0]
        geno = rng.choices(["GG", "GA", "AA"], weights=[0.4, 0.45, 0.15])[0]
        cyp = 1 if rng.random() < 0.2 else 0
        if geno == "AA":
            dose = rng.choices([2.5, 5.0, 7.5], weights=[0.7, 0.25, 0.05])[0]
        elif geno == "GG":
            dose = rng.choices([2.5, 5.0, 7.5], weights=[0.1, 0.45, 0.45])[0]
        else:
            dose = rng.choices([2.5, 5.0, 7.5], weights=[0.25, 0.55, 0.2])[0]
        amio = "yes" if rng.random() < 0.15 else "no"
        vitk = rng.randint(1, 10)
        inr0 = round(rng.gauss(1.05, 0.08), 2)
        inr6 = (1.0 + 0.22 * dose * geno_f[geno] * (1.3 if cyp else 1.0)
                - 0.008 * (wt - 75) + 0.01 * (age - 68) + (0.5 if amio == "yes" else 0)
                - 0.04 * (vitk - 5) + rng.gauss(0, 0.35))
        inr6 = round(max(0.9, inr6), 2)
        adh = round(clip(100 - rng.expovariate(1 / 8), 40, 100))
        ttr = 35 + 0.35 * adh + site_add[site] + rng.gauss(0, site_sd[site])
        ttr = round(clip(ttr, 0, 100), 1)
        p_b = 0.04 + 0.08 * cyp + 0.06 * (amio == "yes") + 0.05 * (inr6 > 3.5)
        bleed = 1 if rng.random() < p_b else 0
        rows.append([f"AC{i + 1:04d}", age, sex, wt, site, geno, cyp, dose, amio, vitk,
                     inr0, inr6, adh, ttr, bleed])
    blank_some(rng, rows, 3, 3)    # wt_kg
    blank_some(rng, rows, 12, 4)   # Adherence (%)
    blank_some(rng, rows, 11, 2)   # INR_wk6
    write("anticoag_clinic", header, rows)


# ---------------------------------------------------------------- 4
def retail_shrink():
    rng = random.Random(9404)
    header = ["StoreCode", "Region", "Format", "floor_area_m2", "WeeklyFootfall", "Sales_k",
              "security_guard", "EAS tagging", "cctv_cams", "self_checkouts",
              "staff_turnover_pct", "mgr_tenure_yrs", "last_refit", "shrink_pct", "NPS"]
    reg_add = {"North": 0.1, "Midlands": 0.0, "South": 0.25, "Wales": -0.1}
    rows = []
    codes = rng.sample(range(100, 999), 140)
    for i in range(140):
        region = rng.choices(list(reg_add), weights=[0.3, 0.3, 0.28, 0.12])[0]
        fmt = "Express" if rng.random() < 0.6 else "Superstore"
        sup = fmt == "Superstore"
        area = int(rng.gauss(3200, 700) if sup else rng.gauss(380, 80))
        foot = int(rng.gauss(26000, 6000) if sup else rng.gauss(9000, 2500))
        foot = max(1500, foot)
        sales = round(foot * 0.0125 * (1 + rng.gauss(0, 0.12)) + area * 0.01, 1)
        guard = 1 if rng.random() < (0.7 if sup else 0.25) else 0
        eas = "Yes" if rng.random() < (0.75 if sup else 0.35) + 0.1 * guard else "No"
        cams = rng.randint(20, 60) if sup else rng.randint(4, 12)
        sco = rng.randint(4, 20) if sup else rng.randint(0, 6)
        turn = round(max(5, rng.gauss(28, 6) if sup else rng.gauss(38, 12)), 1)
        tenure = round(min(25, rng.expovariate(1 / 5)), 1)
        refit = rng.choice([2019, 2021, 2023])
        shrink = (1.6 - 0.35 * guard - 0.2 * (eas == "Yes") + 0.02 * sco
                  + 0.01 * (turn - 30) + reg_add[region] + 0.02 * (refit == 2019)
                  + rng.lognormvariate(-1.6, 0.6) - 0.2)
        shrink = round(max(0.3, shrink), 2)
        nps = int(round(20 + 1.2 * tenure - 0.3 * (turn - 30) + rng.gauss(0, 10)))
        rows.append([f"ST{codes[i]}", region, fmt, area, foot, sales, guard, eas, cams, sco,
                     turn, tenure, refit, shrink, nps])
    blank_some(rng, rows, 14, 5)   # NPS
    blank_some(rng, rows, 11, 3)   # mgr_tenure_yrs
    write("retail_shrink", header, rows)


# ---------------------------------------------------------------- 5
def rooftop_solar():
    rng = random.Random(9505)
    header = ["install_id", "install_year", "PanelBrand", "roof_orientation", "tilt_deg",
              "shading", "inverter", "system_kW", "dist_to_coast_km", "cleanings_per_yr",
              "yield_est_kWh", "annual_yield_kWh", "Specific Yield (kWh/kWp)", "cost_usd",
              "satisfaction"]
    orient_f = {"S": 1.0, "SE": 0.96, "SW": 0.97, "E-W": 0.86}
    brand_rate = {"SunCrest": 2500, "Voltaic": 2800, "Helion": 2300}
    rows = []
    for i in range(220):
        year = rng.choice([2019, 2020, 2021, 2022])
        brand = rng.choices(list(brand_rate), weights=[0.4, 0.3, 0.3])[0]
        orient = rng.choices(list(orient_f), weights=[0.35, 0.2, 0.2, 0.25])[0]
        tilt = int(clip(rng.gauss(32, 8), 5, 55))
        shade = 1 if rng.random() < 0.3 else 0
        p_micro = 0.6 if shade else 0.25
        if brand == "Helion":
            p_micro += 0.15
        inv = "micro" if rng.random() < p_micro else "string"
        kw = round(clip(rng.gauss(6.5, 2.0), 2.5, 14), 1)
        coast = round(rng.uniform(0.5, 60), 1)
        clean = rng.choice([0, 1, 1, 2])
        spec = (1050 * orient_f[orient] * (1 - 0.004 * abs(tilt - 35))
                * ((0.88 * (1.03 if inv == "micro" else 1.0)) if shade else 1.0)
                - 0.8 * coast + 8 * clean
                + rng.gauss(0, 60 if shade else 35))
        spec = round(spec)
        actual = round(spec * kw)
        est = int(round(kw * 1080 * (0.5 + 0.5 * orient_f[orient]) * (0.97 if shade else 1.0)
                        * rng.gauss(1.0, 0.04), -1))
        cost = round(1800 + kw * brand_rate[brand] * (1 - 0.05 * (year - 2019))
                     + rng.gammavariate(4, 400), -1)
        ratio = actual / est
        sat = int(round(clip(7 + 12 * (ratio - 0.95) - 0.00008 * (cost - 18000)
                             + rng.gauss(0, 1.3), 1, 10)))
        rows.append([f"SOL-{40000 + rng.randint(0, 59999):05d}", year, brand, orient, tilt,
                     shade, inv, kw, coast, clean, est, actual, spec, int(cost), sat])
    # make ids unique (re-draw duplicates deterministically)
    seen = set()
    for r in rows:
        while r[0] in seen:
            r[0] = f"SOL-{40000 + rng.randint(0, 59999):05d}"
        seen.add(r[0])
    blank_some(rng, rows, 14, 6)   # satisfaction
    blank_some(rng, rows, 4, 3)    # tilt_deg
    write("rooftop_solar", header, rows)


# ---------------------------------------------------------------- 6
def zebrafish_tox():
    rng = random.Random(9606)
    header = ["larva_id", "plate", "conc_uM", "vehicle", "strain", "temp_c", "hatch_hpf",
              "HeartRate_bpm", "body_len_mm", "yolk_area_mm2", "swim_light_mm",
              "swim_dark_mm", "malformation", "survived_96h"]
    rows = []
    for plate in range(1, 5):
        idx = 0
        for conc in [0, 1, 10, 100]:
            for k in range(15):
                idx += 1
                strain = "AB" if k % 2 == 0 else "TU"
                vehicle = rng.choice(["DMSO", "water"])
                temp = round(rng.gauss(28.5 + (0.3 if plate == 4 else 0.0), 0.3), 1)
                lc = math.log10(conc + 1)
                hatch = round(rng.gauss(52, 4) + (3 if plate == 3 else 0) + 2 * lc, 1)
                hr = int(round(rng.gauss(145, 10) - 6 * lc + 4 * (temp - 28.5)
                               + (5 if strain == "TU" else 0)))
                blen = round(rng.gauss(3.9 - 0.1 * lc, 0.10 + 0.06 * lc), 2)
                yolk = round(max(0.03, 0.12 - 0.05 * (blen - 3.9) + rng.gauss(0, 0.012)), 3)
                p_mal = 0.04 + 0.07 * lc
                mal = "yes" if rng.random() < p_mal else "no"
                p_surv = 0.97 - 0.1 * lc - (0.25 if mal == "yes" else 0.0)
                surv = 1 if rng.random() < p_surv else 0
                light = rng.lognormvariate(5.3, 0.5) * (1 - 0.12 * lc)
                dark = light * max(0.6, rng.gauss(1.6 - 0.15 * lc, 0.3))
                if surv:
                    light, dark = int(round(light)), int(round(dark))
                else:
                    light, dark = None, None
                rows.append([f"ZF-P{plate}-{idx:03d}", plate, conc, vehicle, strain, temp,
                             hatch, hr, blen, yolk, light, dark, mal, surv])
    blank_some(rng, rows, 7, 3)    # HeartRate_bpm
    write("zebrafish_tox", header, rows)


# ---------------------------------------------------------------- 7
def typing_course():
    rng = random.Random(9707)
    header = ["ParticipantID", "cohort", "dept", "Gender", "age_yrs", "layout",
              "ergonomic_kb", "practice_hrs", "wpm_pre", "wpm_post", "accuracy_pre",
              "accuracy_post", "confidence_1to5", "RSI_reported", "finished_course"]
    dept_age = {"Finance": 3, "Legal": 6, "Support": -6, "Marketing": -3, "IT": -1}
    lay_add = {"QWERTY": 4.0, "Dvorak": -3.0, "Colemak": 1.0}
    rows = []
    for i in range(150):
        cohort = rng.choice([1, 2, 3])
        dept = rng.choice(list(dept_age))
        gender = rng.choice(["F", "M"])
        age = int(clip(rng.gauss(38 + dept_age[dept], 10), 20, 64))
        layout = rng.choices(list(lay_add), weights=[0.5, 0.25, 0.25])[0]
        ergo = 1 if rng.random() < 0.4 else 0
        prac = round(rng.gammavariate(3, 4) + (3 if cohort == 2 else 0), 1)
        pre = int(round(clip(rng.gauss(42, 11) - 0.15 * (age - 38), 12, 95)))
        sd_post = {"QWERTY": 4.5, "Dvorak": 6.5, "Colemak": 5.5}[layout]
        post = int(round(clip(pre + 0.6 * prac + lay_add[layout] + rng.gauss(0, sd_post), 10, 120)))
        acc0 = round(clip(rng.gauss(91, 4), 70, 99.5), 1)
        acc1 = round(clip(acc0 + rng.gauss(1.5, 2) + 0.05 * prac, 70, 99.9), 1)
        p_rsi = 0.08 + (0.12 if not ergo else 0) + (0.05 if dept in ("Support", "IT") else 0)
        rsi = "Y" if rng.random() < p_rsi else "N"
        conf = int(clip(round(1 + (post - 25) / 15 + rng.gauss(0, 0.8)), 1, 5))
        fin = "yes" if rng.random() < 0.85 else "no"
        rows.append([f"TC-{i + 101}", cohort, dept, gender, age, layout, ergo, prac, pre,
                     post, acc0, acc1, conf, rsi, fin])
    blank_some(rng, rows, 9, 5)    # wpm_post
    blank_some(rng, rows, 11, 4)   # accuracy_post
    blank_some(rng, rows, 7, 3)    # practice_hrs
    write("typing_course", header, rows)


# ---------------------------------------------------------------- 8
def restaurant_inspections():
    rng = random.Random(9808)
    header = ["inspection_id", "insp_year", "Borough", "cuisine", "chain", "seating_cap",
              "inspector_yrs_exp", "days_since_last", "prev_score", "Score",
              "num_violations", "critical_viol", "pest_found", "Grade"]
    bor_add = {"Northgate": 0, "Riverside": 2, "Old Town": 4, "Eastfield": -1, "Harbour": 3}
    bor_sd = {"Northgate": 5, "Riverside": 6, "Old Town": 10, "Eastfield": 5, "Harbour": 8}
    cui_add = {"Asian": 3, "Italian": 1, "Fast food": -1, "Cafe": -3}
    rows = []
    counters = {2022: 0, 2023: 0, 2024: 0}
    for i in range(300):
        year = rng.choice([2022, 2023, 2024])
        counters[year] += 1
        bor = rng.choice(list(bor_add))
        cui = rng.choices(list(cui_add), weights=[0.3, 0.2, 0.25, 0.25])[0]
        chain = 1 if rng.random() < (0.7 if cui == "Fast food" else 0.2) else 0
        seats = int(clip(rng.lognormvariate(3.7, 0.5), 8, 250))
        insp = rng.randint(1, 30)
        days = rng.randint(90, 540)
        prev = int(round(rng.gammavariate(2.5, 6)))
        score = (0.45 * prev + rng.gammavariate(2, 3) + 0.01 * days - 3 * chain
                 + cui_add[cui] + bor_add[bor] + 0.12 * insp - 1.0 * (year - 2022)
                 + rng.gauss(0, bor_sd[bor] * 0.5))
        score = int(round(max(0, score)))
        nviol = max(0, int(round(score / 4 + rng.gauss(0, 1.2))))
        crit = "Y" if rng.random() < clip(0.05 + score / 60, 0, 0.9) else "N"
        pest = 1 if rng.random() < (0.06 + (0.12 if crit == "Y" else 0) - 0.03 * chain) else 0
        grade = "A" if score <= 13 else ("B" if score <= 27 else "C")
        rows.append([f"INS-{year}-{counters[year]:04d}", year, bor, cui, chain, seats, insp,
                     days, prev, score, nviol, crit, pest, grade])
    blank_some(rng, rows, 5, 6)    # seating_cap
    blank_some(rng, rows, 6, 4)    # inspector_yrs_exp
    write("restaurant_inspections", header, rows)


if __name__ == "__main__":
    ambulance_dispatch()
    tyre_wear()
    anticoag_clinic()
    retail_shrink()
    rooftop_solar()
    zebrafish_tox()
    typing_course()
    restaurant_inspections()
