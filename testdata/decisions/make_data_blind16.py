#!/usr/bin/env python3
"""Deterministic generator for the blind16 datasets (standard library only)."""
import csv
import datetime
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def logistic(z):
    return 1.0 / (1.0 + math.exp(-z))


def poisson(rng, lam):
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


# 1. forestry --------------------------------------------------------------
def thinning_plots():
    rng = random.Random(1601)
    header = ["plot_id", "stand", "species", "thinning", "age_yrs", "soil_pH",
              "dbh_2018_cm", "dbh_2023_cm", "height_m", "basal_area_m2ha",
              "vol_m3_ha", "deer_fence", "browsing_damage"]
    rows = []
    growth = {"none": 1.5, "light": 2.5, "heavy": 3.4}
    ba = {"none": 38.0, "light": 32.0, "heavy": 26.0}
    for i in range(120):
        stand = rng.choice(["Kielder", "Glentress", "Dalby", "Thetford"])
        species = rng.choice(["Sitka spruce", "Scots pine"])
        thin = ["none", "light", "heavy"][i % 3]
        age = rng.randint(25, 60)
        ph = round(rng.uniform(3.8, 6.0), 2)
        d18 = 22 + 0.3 * (age - 40) + (2.0 if species == "Sitka spruce" else 0) + rng.gauss(0, 3.0)
        d23 = d18 + growth[thin] + rng.gauss(0, 0.8 + (0.6 if thin == "heavy" else 0))
        h = 12 + 0.25 * age + (1.5 if species == "Sitka spruce" else 0) + rng.gauss(0, 1.8)
        b = ba[thin] + rng.gauss(0, 4)
        vol = b * h * 0.42 + rng.gauss(0, 20)
        fence = "yes" if rng.random() < 0.45 else "no"
        p = 0.12 if fence == "yes" else 0.35
        if species == "Scots pine":
            p += 0.08
        dmg = 1 if rng.random() < p else 0
        rows.append([f"TP-{i + 1:03d}", stand, species, thin, age, ph, round(d18, 1),
                     round(d23, 1), round(h, 1), round(b, 1), int(round(vol)), fence, dmg])
    write("thinning_plots", header, rows)


# 2. nursing ---------------------------------------------------------------
def nurse_shifts():
    rng = random.Random(1602)
    header = ["ShiftID", "ShiftDate", "Ward", "ShiftType", "NursesOnDuty",
              "PatientsPerNurse", "OvertimeHrs", "FatigueScore", "Handover Minutes",
              "AgencyStaff", "MedError", "FallsReported"]
    wards = ["Cardiology", "Oncology", "Surgical", "Paediatrics", "Elderly Care"]
    ratio = {"Cardiology": 5.5, "Oncology": 5.0, "Surgical": 6.0, "Paediatrics": 4.2, "Elderly Care": 7.0}
    start = datetime.date(2024, 1, 1)
    rows = []
    for i in range(220):
        d = start + datetime.timedelta(days=rng.randint(0, 181))
        ward = rng.choice(wards)
        st = "Night" if rng.random() < 0.45 else "Day"
        nurses = rng.randint(4, 12) - (2 if st == "Night" else 0)
        nurses = max(3, nurses)
        ppn = clip(ratio[ward] + (0.8 if st == "Night" else 0) + rng.gauss(0, 0.8), 3, 10)
        ot = round(rng.expovariate(1 / 1.6), 1)
        fat = int(clip(round(4 + 0.6 * ot + (1.2 if st == "Night" else 0) + rng.gauss(0, 1.3)), 1, 10))
        hand = int(clip(round(rng.gauss(28, 6) + (3 if ward == "Elderly Care" else 0)), 12, 50))
        agency = "Yes" if rng.random() < 0.3 else "No"
        p = logistic(-3.2 + 0.35 * (ppn - 5) + (0.6 if agency == "Yes" else 0) + (0.4 if st == "Night" else 0))
        err = 1 if rng.random() < p else 0
        falls = poisson(rng, 0.4 + (0.6 if ward == "Elderly Care" else 0))
        rows.append([f"S{i + 1:04d}", d.isoformat(), ward, st, nurses, round(ppn, 1), ot,
                     fat, hand, agency, err, falls])
    write("nurse_shifts", header, rows)


# 3. esports ---------------------------------------------------------------
def esports_scrims():
    rng = random.Random(1603)
    header = ["match_no", "team", "map", "side", "patch", "apm", "ping_ms", "kills",
              "deaths", "first_blood", "win", "rt_pre_warmup_ms", "rt_post_warmup_ms",
              "duration_min"]
    apm_mu = {"Aurora": 295, "Vortex": 270, "Kraken": 282}
    rows = []
    for i in range(180):
        team = rng.choice(list(apm_mu))
        mp = rng.choice(["Ascent", "Bind", "Haven", "Split"])
        side = rng.choice(["attack", "defence"])
        patch = "v7.1" if i < 90 else "v7.2"
        apm = round(rng.gauss(apm_mu[team], 22 if team != "Vortex" else 38))
        ping = round(clip(rng.gauss(38, 12), 12, 95))
        fb = 1 if rng.random() < 0.5 else 0
        pw = logistic(-0.4 + 0.9 * fb + 0.01 * (apm - 280) - 0.015 * (ping - 38))
        win = 1 if rng.random() < pw else 0
        kills = max(20, round(rng.gauss(62 + 8 * win, 9)))
        deaths = max(20, round(rng.gauss(62 - 8 * win, 9)))
        pre = rng.gauss(262, 25)
        post = pre - rng.gauss(11, 14)
        dur = round(clip(rng.gauss(38, 6), 22, 60), 1)
        rows.append([i + 1, team, mp, side, patch, apm, ping, kills, deaths, fb, win,
                     round(pre), round(post), dur])
    write("esports_scrims", header, rows)


# 4. bakeries ---------------------------------------------------------------
def sourdough_bakes():
    rng = random.Random(1604)
    header = ["batch_no", "bake_date", "baker", "flour", "oven", "shift", "hydration_pct",
              "starter_age_days", "proof_time_h", "oven_temp_C", "loaf_volume_ml",
              "weight_g", "crumb_score"]
    flour_eff = {"T55": 250, "T65": 120, "wholemeal": -300}
    start = datetime.date(2024, 9, 2)
    rows = []
    for i in range(96):
        d = start + datetime.timedelta(days=i // 2)
        baker = rng.choice(["Ines", "Tom", "Priya", "Marco"])
        flour = rng.choice(list(flour_eff))
        oven = "deck" if rng.random() < 0.55 else "convection"
        shift = 1 if i % 2 == 0 else 2
        hyd = round(rng.uniform(65, 85), 1)
        sa = rng.randint(1, 14)
        proof = round(rng.uniform(3, 16), 1)
        temp = rng.choice([220, 230, 240, 250])
        vol = (2100 + flour_eff[flour] + 22 * (hyd - 75) + 18 * (proof - 9)
               - 0.9 * (proof - 9) ** 2 * 6 + (60 if oven == "deck" else 0) + rng.gauss(0, 140))
        wt = rng.gauss(905 - 1.5 * (temp - 235), 14)
        crumb = int(clip(round(6 + (vol - 2100) / 200 + rng.gauss(0, 1.1)), 1, 10))
        rows.append([f"B-{i + 1:03d}", d.isoformat(), baker, flour, oven, shift, hyd, sa,
                     proof, temp, round(vol), round(wt), crumb])
    write("sourdough_bakes", header, rows)


# 5. recycling -------------------------------------------------------------
def kerbside_recycling():
    rng = random.Random(1605)
    header = ["hh_id", "district", "tenure", "bin_type", "collection_freq", "household_size",
              "leaflet", "recyclables_kg_wk", "residual_kg_wk", "contamination_pct",
              "rejected", "survey_year"]
    dist_eff = {"North": 0.5, "South": -0.3, "East": 0.0, "West": 0.8, "Central": -0.6}
    rows = []
    for i in range(320):
        dist = rng.choice(list(dist_eff))
        ten = rng.choices(["owner", "renter", "social"], weights=[5, 3, 2])[0]
        bt = "wheelie" if rng.random() < 0.6 else "box"
        freq = "weekly" if rng.random() < 0.4 else "fortnightly"
        hs = rng.choices([1, 2, 3, 4, 5, 6], weights=[15, 30, 20, 20, 10, 5])[0]
        leaf = 1 if rng.random() < 0.5 else 0
        rec = clip(2.0 + 1.1 * hs + dist_eff[dist] + (0.6 if bt == "wheelie" else 0) + rng.gauss(0, 1.2), 0.2, 15)
        res = clip(3.0 + 1.6 * hs - 0.3 * rec + rng.gauss(0, 1.5), 0.5, 20)
        cont = clip(rng.lognormvariate(math.log(6 + (3 if ten == "renter" else 0) - (1.5 if leaf else 0)), 0.5), 0.1, 45)
        p = logistic(-2.0 + 0.08 * cont - 0.5 * leaf + (0.3 if bt == "box" else 0))
        rej = "Yes" if rng.random() < p else "No"
        yr = rng.choice([2022, 2023, 2024])
        rows.append([10001 + i, dist, ten, bt, freq, hs, leaf, round(rec, 2), round(res, 2),
                     round(cont, 1), rej, yr])
    write("kerbside_recycling", header, rows)


# 6. cinema ----------------------------------------------------------------
def cinema_screenings():
    rng = random.Random(1606)
    header = ["screening_id", "Genre", "Format", "DayType", "StartHour", "WeeksSinceRelease",
              "RuntimeMin", "Capacity", "Tickets Sold", "OccupancyPct", "AvgPriceGBP",
              "ConcessionRevGBP", "AudienceScore"]
    cap = {"2D": 180, "3D": 150, "IMAX": 320}
    price = {"2D": 9.5, "3D": 12.0, "IMAX": 16.5}
    genre_pop = {"Action": 0.15, "Drama": -0.15, "Comedy": 0.0, "Horror": 0.05, "Animation": 0.1}
    rows = []
    for i in range(160):
        g = rng.choice(list(genre_pop))
        fmt = rng.choices(["2D", "3D", "IMAX"], weights=[6, 2, 2])[0]
        dt = "weekend" if rng.random() < 0.4 else "weekday"
        hr = rng.randint(11, 22)
        wk = rng.randint(1, 8)
        rt = round(clip(rng.gauss(118 if g in ("Action", "Drama") else 100, 14), 80, 180))
        occ = clip(0.45 + genre_pop[g] + (0.15 if dt == "weekend" else 0) - 0.05 * (wk - 1)
                   + (0.08 if 18 <= hr <= 21 else 0) + rng.gauss(0, 0.12), 0.02, 1.0)
        c = cap[fmt]
        t = round(c * occ)
        pr = round(price[fmt] + (1.5 if dt == "weekend" else 0) + rng.gauss(0, 0.6), 2)
        conc = round(t * rng.gauss(4.2, 0.9), 2)
        score = int(clip(round(rng.gauss(70 + (5 if g == "Animation" else 0) - (8 if g == "Horror" else 0), 10)), 20, 99))
        rows.append([f"SCR{i + 1:04d}", g, fmt, dt, hr, wk, rt, c, t, round(100 * t / c, 1),
                     pr, max(0.0, conc), score])
    write("cinema_screenings", header, rows)


# 7. beekeeping research ----------------------------------------------------
def varroa_trial():
    rng = random.Random(1607)
    header = ["colony_id", "apiary", "treatment", "hygienic_line", "queen_age",
              "mites_pre_100bees", "mites_post_100bees", "brood_frames", "Honey Yield (kg)",
              "colony_weight_kg", "DWV_symptoms", "winter_outcome"]
    eff = {"oxalic": 0.2, "formic": 0.3, "thymol": 0.45, "control": 0.95}
    rows = []
    for i in range(84):
        ap = ["Hilltop", "Orchard", "Riverside"][i % 3]
        tr = ["oxalic", "formic", "thymol", "control"][(i // 3) % 4]
        hyg = 1 if rng.random() < 0.4 else 0
        qa = rng.choice([1, 2, 3])
        pre = clip(rng.lognormvariate(math.log(4.0), 0.45), 0.5, 20)
        post = clip(pre * eff[tr] * (0.8 if hyg else 1.0) * rng.lognormvariate(0, 0.35), 0.0, 25)
        brood = rng.randint(3, 10)
        honey = clip(12 + 1.8 * brood - 1.2 * post - 1.0 * (qa - 1) + rng.gauss(0, 4), 0, 45)
        wt = clip(25 + 0.8 * honey + rng.gauss(0, 3), 12, 70)
        dwv = "yes" if rng.random() < logistic(-2.0 + 0.4 * post) else "no"
        ps = logistic(2.2 - 0.35 * post + (0.6 if hyg else 0) - (0.8 if dwv == "yes" else 0))
        outc = "survived" if rng.random() < ps else "died"
        rows.append([f"C{i + 1:02d}", ap, tr, hyg, qa, round(pre, 1), round(post, 1), brood,
                     round(honey, 1), round(wt, 1), dwv, outc])
    write("varroa_trial", header, rows)


# 8. rail maintenance -------------------------------------------------------
def track_inspections():
    rng = random.Random(1608)
    header = ["asset_ref", "Route", "rail_type", "speed_limit_mph", "inspection_year",
              "tonnage_MGT", "rail_age_yrs", "TQ_SD_mm", "gauge_dev_mm", "defects_per_km",
              "profile_err_pre_grind_mm", "profile_err_post_grind_mm", "tamped", "TSR_imposed"]
    route_eff = {"Western": 0.1, "Anglia": -0.1, "Wessex": 0.0, "Scotland": 0.25}
    rows = []
    for i in range(240):
        route = rng.choice(list(route_eff))
        rtype = "CWR" if rng.random() < 0.7 else "jointed"
        spd = rng.choice([50, 75, 100, 125])
        yr = rng.choice([2021, 2022, 2023, 2024])
        ton = round(clip(rng.gauss(12 + 0.05 * spd, 5), 1, 35), 1)
        age = rng.randint(1, 40)
        tq = clip(1.2 + route_eff[route] + 0.025 * age + 0.02 * ton + (0.4 if rtype == "jointed" else 0)
                  + rng.gauss(0, 0.35 + (0.2 if rtype == "jointed" else 0)), 0.4, 5)
        gd = round(rng.gauss(0, 2.2 + 0.04 * age), 1)
        dpk = round(clip(rng.lognormvariate(math.log(0.8 + 0.06 * age + 0.04 * ton), 0.5), 0, 20), 2)
        pre = clip(rng.gauss(0.55 + 0.01 * ton, 0.15), 0.1, 1.5)
        post = clip(pre - rng.gauss(0.22, 0.08), 0.02, 1.4)
        tamp = "Y" if rng.random() < 0.45 else "N"
        p = logistic(-2.4 + 1.1 * (tq - 1.8) - (0.5 if tamp == "Y" else 0) + (0.5 if rtype == "jointed" else 0))
        tsr = "Yes" if rng.random() < p else "No"
        rows.append([f"ELR{i + 1:04d}", route, rtype, spd, yr, ton, age, round(tq, 2), gd, dpk,
                     round(pre, 3), round(post, 3), tamp, tsr])
    write("track_inspections", header, rows)


if __name__ == "__main__":
    thinning_plots()
    nurse_shifts()
    esports_scrims()
    sourdough_bakes()
    kerbside_recycling()
    cinema_screenings()
    varroa_trial()
    track_inspections()
    print("wrote datasets to", OUT)
