#!/usr/bin/env python3
"""Deterministic generator for the blind10 datasets (standard library only)."""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def blank(rng, rows, col_idx, k):
    for i in rng.sample(range(len(rows)), k):
        rows[i][col_idx] = None


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


# 1. refrigerated (cold-chain) truck trips -- logistics
def cold_chain_trucks():
    rng = random.Random(1001)
    header = ["trip_id", "Carrier", "route_type", "dist_km", "pallet_qty", "temp_c_start",
              "temp_c_end", "door_openings", "spoilage_pct", "DriverYrsExp", "reefer_age_yrs",
              "on_time", "Season"]
    carriers = {"FrostLine": 0.0, "PolarHaul": 0.4, "ChillCo": 0.9}
    seasons = {"Winter": -0.5, "Spring": 0.0, "Summer": 0.9, "Autumn": 0.1}
    rows = []
    for i in range(180):
        car = rng.choice(list(carriers))
        route = "Urban" if rng.random() < 0.55 else "Rural"
        season = rng.choice(list(seasons))
        dist = round(rng.uniform(30, 520) if route == "Rural" else rng.uniform(15, 260), 1)
        pallets = rng.randint(4, 26)
        doors = max(0, int(rng.gauss(9 if route == "Urban" else 4, 2.5) + carriers[car] * 2))
        exp = round(clamp(rng.gammavariate(2.2, 4.0), 0.5, 35), 1)
        doors = max(0, doors - int(exp / 10))
        age = rng.randint(1, 12)
        t0 = round(rng.gauss(3.0, 0.8), 1)
        rise = 0.6 + 0.08 * doors + 0.05 * age + seasons[season] + rng.gauss(0, 0.6)
        t1 = round(t0 + rise, 1)
        spoil = math.exp(-0.9 + 0.09 * doors + 0.06 * age + 0.25 * seasons[season]
                         + carriers[car] * 0.3 + 0.0008 * dist + rng.gauss(0, 0.45))
        spoil = round(spoil, 2)
        p_on = 0.85 if route == "Rural" else 0.68
        on_time = 1 if rng.random() < p_on else 0
        rows.append([f"TR-{i + 1:04d}", car, route, dist, pallets, t0, t1, doors, spoil, exp,
                     age, on_time, season])
    blank(rng, rows, 8, 4)
    blank(rng, rows, 9, 2)
    write("cold_chain_trucks", header, rows)


# 2. vaccination clinic sessions -- public health
def vaccination_clinics():
    rng = random.Random(2002)
    header = ["session_id", "Region", "clinic_type", "vaccine", "year", "weekend",
              "Doses Given", "Wait time (min)", "pct_over65", "outreach_calls",
              "no_show_rate", "Satisfaction (1-10)"]
    regions = {"North": (0, 4), "South": (10, 9), "East": (-5, 5), "West": (5, 14), "Central": (15, 7)}
    rows = []
    for i in range(240):
        reg = rng.choice(list(regions))
        ctype = "Mobile" if rng.random() < 0.4 else "Fixed"
        vac = "Flu" if rng.random() < 0.55 else "COVID"
        year = rng.choice([2021, 2022, 2023])
        wk_p = 0.45 if ctype == "Mobile" else 0.2
        if vac == "COVID":
            wk_p += 0.1
        weekend = 1 if rng.random() < wk_p else 0
        calls = rng.randint(0, 60)
        doses = int(rng.gauss(112 + (14 if ctype == "Mobile" else 0) + (year - 2021) * -6
                              + 0.4 * calls, 22))
        doses = max(15, doses)
        wait = max(1.0, rng.gauss(18 + regions[reg][0] + (-6 if ctype == "Mobile" else 0), 7))
        wait = round(wait, 1)
        over65 = round(clamp(rng.gauss(34 if vac == "Flu" else 26, 9), 5, 80), 1)
        noshow = round(clamp(rng.gauss(14 - 0.12 * calls, regions[reg][1] * 0.6), 0.5, 60), 1)
        sat = round(clamp(rng.gauss(8.4 - 0.07 * wait + (0.4 if ctype == "Mobile" else 0)
                                    + 0.01 * over65, 0.9), 1, 10), 1)
        rows.append([f"VS{i + 1:04d}", reg, ctype, vac, year, weekend, doses, wait, over65,
                     calls, noshow, sat])
    blank(rng, rows, 7, 9)
    blank(rng, rows, 11, 3)
    write("vaccination_clinics", header, rows)


# 3. rowing ergometer testing -- sports science
def rowing_ergometer():
    rng = random.Random(3003)
    header = ["athlete_id", "squad", "Sex", "age_yrs", "BodyMass_kg", "ht_cm", "erg2k_pre_s",
              "erg2k_post_s", "VO2max", "lactate.mmol", "block", "stroke_rate_spm", "injured"]
    rows = []
    for i in range(90):
        sex = "F" if rng.random() < 0.45 else "M"
        squad = "Lightweight" if rng.random() < 0.4 else "Openweight"
        age = rng.randint(18, 31)
        base_mass = 62 if sex == "F" else 78
        mass = base_mass + (-6 if squad == "Lightweight" else 7) + rng.gauss(0, 4)
        mass = round(mass, 1)
        ht = round(rng.gauss(170 if sex == "F" else 184, 6) + 0.25 * (mass - base_mass), 1)
        vo2 = rng.gauss(55 if sex == "F" else 61, 4.5 if squad == "Lightweight" else 6.5)
        vo2 = round(vo2, 1)
        pre = 470 - 2.2 * (vo2 - 58) - 0.55 * (mass - 70) + (22 if sex == "F" else 0) + rng.gauss(0, 7)
        block = rng.choice([1, 2, 3])
        post = pre - (3.5 + block * 0.8) + rng.gauss(0, 3.2)
        lact = round(max(2.5, rng.lognormvariate(math.log(8.5 + 0.9 * block), 0.22)), 1)
        spm = round(rng.gauss(33 if sex == "F" else 34, 1.6 if sex == "F" else 3.0), 1)
        injured = 1 if rng.random() < (0.2 if squad == "Lightweight" else 0.12) else 0
        rows.append([f"A{i + 101}", squad, sex, age, mass, ht, round(pre, 1), round(post, 1),
                     vo2, lact, block, spm, injured])
    blank(rng, rows, 8, 3)
    blank(rng, rows, 9, 2)
    write("rowing_ergometer", header, rows)


# 4. broiler chicken pens -- agriculture
def broiler_pens():
    rng = random.Random(4004)
    header = ["PenID", "diet", "house", "batch", "chick_wt_d0_g", "wt_d35_g", "FCR",
              "mortality_n", "ammonia_ppm_wk1", "ammonia_ppm_wk5", "water_L_per_bird",
              "avg_temp_C", "vaccinated", "footpad_lesions"]
    diets = {"Control": (0, 0.0), "Enzyme": (70, -0.05), "Probiotic": (45, -0.03), "Combo": (110, -0.08)}
    rows = []
    i = 0
    for batch in (1, 2, 3):
        for house in ("A", "B"):
            for diet in diets:
                for _ in range(4):
                    i += 1
                    d0 = round(rng.gauss(41 + (batch - 2) * 1.2, 2.2), 1)
                    temp = round(rng.gauss(23.5 if house == "A" else 25.0, 1.1), 1)
                    w35 = 2150 + diets[diet][0] + 12 * (d0 - 41) - 18 * (temp - 24) + rng.gauss(0, 95)
                    fcr = 1.62 + diets[diet][1] + (0.04 if house == "B" else 0) + rng.gauss(0, 0.06)
                    vacc = 1 if rng.random() < 0.6 else 0
                    mort = int(rng.expovariate(1 / (3.2 if vacc else 5.0)))
                    am1 = rng.gauss(6, 1.8)
                    am5 = am1 + rng.gauss(9 + (2 if house == "B" else 0), 3.5)
                    water = round(rng.gammavariate(9, 0.85) * (1 + 0.04 * (temp - 24)), 2)
                    lp = 0.35 + (0.15 if am5 > 16 else 0) - (0.12 if vacc else 0) - (0.1 if diet == "Combo" else 0)
                    foot = "Yes" if rng.random() < lp else "No"
                    rows.append([f"P{i:03d}", diet, house, batch, d0, round(w35), round(fcr, 3),
                                 mort, round(max(0.5, am1), 1), round(max(1.0, am5), 1), water,
                                 temp, vacc, foot])
    rng.shuffle(rows)
    blank(rng, rows, 5, 2)
    blank(rng, rows, 9, 3)
    write("broiler_pens", header, rows)


# 5. domestic heat pump retrofits -- energy
def heat_pump_retrofits():
    rng = random.Random(5005)
    header = ["install_id", "hp_type", "Installer", "floor_area_m2", "Year Built", "insulation",
              "kWh_before", "kWh_after", "SCOP", "Install Cost (GBP)", "smart_tstat",
              "outdoor_temp_avg_c", "Customer Rating"]
    types = {"Air-source": (3.0, 0.35, 0), "Ground-source": (3.9, 0.3, 9000), "Hybrid": (2.7, 0.6, -1500)}
    installers = {"GreenFlow": 0.6, "ThermaCo": -0.3, "EcoHeat": 0.2, "BrightHome": -0.6}
    insul = {"Poor": 1.25, "Fair": 1.0, "Good": 0.8}
    rows = []
    for i in range(150):
        t = rng.choice(list(types))
        inst = rng.choice(list(installers))
        ins = rng.choices(list(insul), weights=[3, 4, 3])[0]
        if t == "Ground-source" and rng.random() < 0.4:
            ins = "Good"
        area = round(clamp(rng.lognormvariate(math.log(105), 0.3), 45, 320), 1)
        built = rng.randint(1900, 2015)
        before = area * 150 * insul[ins] * (1 + (1990 - built) / 400) * rng.gauss(1, 0.1)
        tout = round(rng.gauss(6.5, 1.8), 1)
        scop = round(types[t][0] + 0.08 * (tout - 6.5) + rng.gauss(0, types[t][1]), 2)
        smart = 1 if rng.random() < 0.45 else 0
        if smart:
            scop = round(scop + 0.15, 2)
        after = before * (0.35 * 3.2 / max(scop, 1.8)) * rng.gauss(1, 0.08)
        cost = 7000 + types[t][2] + 45 * area + rng.gauss(0, 1200) + (800 if inst == "GreenFlow" else 0)
        rating = int(clamp(round(rng.gauss(3.8 + installers[inst] - cost / 60000, 0.8)), 1, 5))
        rows.append([f"HP-{2300 + i}", t, inst, area, built, ins, round(before), round(after),
                     scop, int(round(cost, -1)), smart, tout, rating])
    blank(rng, rows, 7, 5)
    blank(rng, rows, 12, 4)
    write("heat_pump_retrofits", header, rows)


# 6. new hire onboarding -- HR
def new_hire_onboarding():
    rng = random.Random(6006)
    header = ["EmpID", "Department", "mentor", "remote", "yrs_exp", "OnboardingScore",
              "weeks_to_productivity", "training_hrs", "engagement_3mo", "engagement_12mo",
              "left_1yr", "hire_cohort", "salary_k"]
    depts = {"Sales": (52, 2.0), "Engineering": (88, 4.5), "Operations": (47, 1.5),
             "Finance": (64, 2.5), "Support": (39, 1.0)}
    rows = []
    for i in range(300):
        d = rng.choice(list(depts))
        mentor = "Yes" if rng.random() < 0.5 else "No"
        remote = 1 if rng.random() < 0.35 else 0
        exp = round(clamp(rng.gammavariate(1.8, 3.2), 0, 30), 1)
        train = round(clamp(rng.gauss(32, 10), 4, 70))
        score = clamp(rng.gauss(66 + 0.35 * (train - 32) + (4 if mentor == "Yes" else 0), 9), 20, 100)
        weeks = max(2, round(rng.gauss(12 - (2.5 if mentor == "Yes" else 0) - 0.25 * exp
                                        + depts[d][1], 2.5 + depts[d][1] * 0.6)))
        e3 = clamp(rng.gauss(3.9 + (0.2 if mentor == "Yes" else 0), 0.5), 1, 5)
        e12 = clamp(e3 - 0.25 - (0.15 if remote else 0) + rng.gauss(0, 0.45), 1, 5)
        p_left = 0.22 - (0.1 if mentor == "Yes" else 0) + (0.06 if remote else 0)
        left = "Yes" if rng.random() < p_left else "No"
        cohort = rng.choice([2022, 2023, 2024])
        sal = round(depts[d][0] * (1 + 0.03 * (cohort - 2022)) + 1.6 * exp + rng.gauss(0, 6), 1)
        rows.append([f"E{10400 + i}", d, mentor, remote, exp, round(score, 1), weeks, train,
                     round(e3, 2), round(e12, 2), left, cohort, sal])
    blank(rng, rows, 9, 11)
    blank(rng, rows, 5, 3)
    write("new_hire_onboarding", header, rows)


# 7. primary reading catch-up programme -- education
def reading_catchup():
    rng = random.Random(7007)
    header = ["pupil_id", "programme", "school", "gender", "year_group", "age_months",
              "ReadingAge_Sept", "ReadingAge_June", "attendance_pct", "FSM", "EAL",
              "books_read", "teacher_rating"]
    schools = {"Oakfield": 2.0, "Riverside": -3.0, "Hillcrest": 0.5}
    rows = []
    for i in range(210):
        prog = "Phonics Plus" if rng.random() < 0.5 else "Standard"
        sch = rng.choice(list(schools))
        g = rng.choice(["F", "M"])
        yg = rng.choice([3, 4, 5])
        age = 84 + 12 * (yg - 3) + rng.randint(0, 11)
        fsm = 1 if rng.random() < 0.3 else 0
        eal = "Y" if rng.random() < (0.35 if fsm else 0.18) else "N"
        att = clamp(rng.gauss(94 + schools[sch] - (3 if fsm else 0), 3.5), 70, 100)
        sept = age - 9 + schools[sch] - (5 if fsm else 0) - (4 if eal == "Y" else 0) + rng.gauss(0, 9)
        gain = 7 + (4 if prog == "Phonics Plus" else 0) + 0.3 * (att - 93) + rng.gauss(0, 3 if g == "F" else 5)
        june = sept + gain
        books = int(rng.expovariate(1 / (8 + 0.2 * (sept - age + 9))) if sept - age > -25 else rng.expovariate(1 / 4))
        rating = int(clamp(round(2.8 + 0.05 * (sept - age + 9) + 0.08 * books + rng.gauss(0, 0.8)), 1, 5))
        rows.append([f"PU{5000 + i}", prog, sch, g, yg, age, round(sept), round(june),
                     round(att, 1), fsm, eal, books, rating])
    blank(rng, rows, 7, 6)
    blank(rng, rows, 8, 2)
    write("reading_catchup", header, rows)


# 8. CNC milling runs -- manufacturing
def cnc_milling_runs():
    rng = random.Random(8008)
    header = ["run_no", "machine", "material", "coolant", "shift", "tool_batch", "spindle.rpm",
              "feed_mm_rev", "depth_of_cut_mm", "tool_life_min", "flank_wear_um",
              "Surface Ra (um)", "scrap"]
    machines = {"M1": 0.0, "M2": 0.15, "M3": -0.1, "M4": 0.35}
    mats = {"Steel": 1.0, "Aluminium": 2.4, "Titanium": 0.45}
    rows = []
    for i in range(140):
        m = rng.choice(list(machines))
        mat = rng.choice(list(mats))
        cool = "Flood" if rng.random() < 0.5 else "MQL"
        shift = "Day" if rng.random() < 0.6 else "Night"
        tb = rng.choice([1, 2, 3])
        rpm = int(round(rng.uniform(1800, 6000), -1))
        feed = round(rng.uniform(0.05, 0.30), 3)
        doc = round(rng.uniform(0.5, 3.0), 2)
        life = rng.expovariate(1 / (38 * mats[mat] * (1.15 if cool == "Flood" else 1.0)
                                     * (1 - (rpm - 1800) / 9000)))
        life = round(max(1.5, life), 1)
        wear = 90 + 0.025 * rpm + 180 * feed + 14 * doc + (40 if mat == "Titanium" else 0) + rng.gauss(0, 22)
        ra = 0.6 + 5.5 * feed + 0.12 * doc + machines[m] + rng.gauss(0, 0.18 if shift == "Day" else 0.3)
        ra = round(max(0.2, ra), 2)
        p_scrap = 0.06 + (0.08 if shift == "Night" else 0) + (0.04 if cool == "MQL" else 0)
        scrap = 1 if rng.random() < p_scrap else 0
        rows.append([f"R{7000 + i}", m, mat, cool, shift, tb, rpm, feed, doc, life,
                     round(wear, 1), ra, scrap])
    blank(rng, rows, 10, 3)
    blank(rng, rows, 11, 2)
    write("cnc_milling_runs", header, rows)


if __name__ == "__main__":
    cold_chain_trucks()
    vaccination_clinics()
    rowing_ergometer()
    broiler_pens()
    heat_pump_retrofits()
    new_hire_onboarding()
    reading_catchup()
    cnc_milling_runs()
    print("wrote", sorted(os.listdir(OUT)))
