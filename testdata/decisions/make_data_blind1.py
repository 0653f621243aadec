#!/usr/bin/env python3
"""Deterministic generator for batch b1 datasets (standard library only)."""
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


# ---------------------------------------------------------------- cars / fuel economy
def cars():
    rng = random.Random(101)
    makes = {"US": ["Ford", "Chevrolet", "Dodge", "Jeep"],
             "Europe": ["Volkswagen", "BMW", "Volvo", "Audi"],
             "Asia": ["Toyota", "Honda", "Hyundai", "Mazda", "Kia"]}
    rows = []
    for i in range(160):
        origin = rng.choices(["US", "Europe", "Asia"], [0.35, 0.25, 0.40])[0]
        make = rng.choice(makes[origin])
        year = rng.randint(2016, 2021)
        pc = {"US": [0.35, 0.35, 0.30], "Europe": [0.6, 0.3, 0.1], "Asia": [0.7, 0.27, 0.03]}[origin]
        cyl = rng.choices([4, 6, 8], pc)[0]
        displ = {4: rng.uniform(1.4, 2.5), 6: rng.uniform(2.8, 3.8), 8: rng.uniform(4.6, 6.4)}[cyl]
        turbo = "yes" if rng.random() < (0.55 if origin == "Europe" else 0.25) else "no"
        hp = 48 * displ + (45 if turbo == "yes" else 0) + rng.gauss(40, 18)
        weight = 2300 + 380 * displ + rng.gauss(0, 260)
        trans = "manual" if rng.random() < 0.18 else "auto"
        drive = rng.choices(["FWD", "RWD", "AWD", "4WD"], [0.45, 0.2, 0.25, 0.1])[0]
        fuel = rng.choices(["regular", "premium", "diesel"],
                           [0.6, 0.3, 0.1] if origin != "US" else [0.8, 0.15, 0.05])[0]
        city = 38 - 3.4 * displ - 0.0035 * (weight - 3000) + (1.2 if trans == "manual" else 0) \
            + (3 if fuel == "diesel" else 0) + 0.25 * (year - 2016) + rng.gauss(0, 2.2)
        city = clip(city, 11, 52)
        hwy = city + rng.gauss(7.5, 1.8)
        comb = 0.55 * city + 0.45 * hwy
        co2 = 8887 / comb / 1.609 * (1.15 if fuel == "diesel" else 1.0) + rng.gauss(0, 6)
        msrp = math.exp(rng.gauss(10.1, 0.3) + 0.12 * displ + (0.25 if origin == "Europe" else 0))
        rows.append([f"C{i + 1:03d}", make, origin, year, cyl, round(displ, 1),
                     round(hp) if i not in (17, 64, 121, 143) else None, turbo, round(weight),
                     trans, drive, fuel, round(city, 1) if i != 88 else None, round(hwy, 1),
                     round(co2), int(round(msrp, -2))])
    write("cars_mpg.csv", ["car_id", "make", "origin", "Model Year", "cyl", "displ (L)", "hp",
                           "turbo", "Weight (lbs)", "trans", "drive", "fuel", "mpg_city",
                           "mpg_hwy", "co2_gkm", "MSRP ($)"], rows)


# ---------------------------------------------------------------- athletes
def athletes():
    rng = random.Random(202)
    rows = []
    for i in range(124):
        sex = rng.choice(["F", "M"])
        m = sex == "M"
        sport = rng.choices(["sprint", "middle-distance", "jumps", "throws"], [0.3, 0.3, 0.2, 0.2])[0]
        level = rng.choices(["club", "national", "international"], [0.5, 0.35, 0.15])[0]
        lvl = {"club": 0, "national": 1, "international": 2}[level]
        age = rng.randint(17, 34)
        hgt = rng.gauss(180 if m else 168, 7) + (4 if sport in ("jumps", "throws") else 0)
        wt = (hgt - 100) * (0.95 if sport != "throws" else 1.25) + rng.gauss(0, 5) - (6 if sport == "middle-distance" else 0)
        hrs = clip(rng.gauss(12 + 2.5 * lvl, 3), 4, 24)
        vo2 = (44 if m else 38) + (12 if sport == "middle-distance" else 0) - (6 if sport == "throws" else 0) \
            + 0.45 * hrs + rng.gauss(0, 3.5)
        rhr = clip(78 - 0.55 * vo2 + rng.gauss(0, 4.5), 36, 80)
        squat = (wt * (1.7 if m else 1.45)) * (1.25 if sport == "throws" else 1.0) + 6 * lvl + rng.gauss(0, 12)
        cmj = (38 if m else 30) + (6 if sport in ("sprint", "jumps") else 0) + 2 * lvl + rng.gauss(0, 4)
        sprint = clip(5.3 - 0.028 * cmj - (0.15 if m else 0) + rng.gauss(0, 0.09), 3.7, 5.6)
        injured = "yes" if rng.random() < 0.18 + 0.07 * lvl else "no"
        coach = rng.choice(["A", "B", "C"])
        cboost = {"A": 90, "B": 160, "C": 40}[coach]
        pre = clip(rng.gauss(1500 + 20 * (vo2 - 45), 260), 400, 2800)
        post = pre + rng.gauss(cboost, {"A": 80, "B": 190, "C": 60}[coach])
        hopl = rng.gauss(165 if m else 145, 16) + cmj * 0.3
        hopr = hopl + rng.gauss(2.0, 6)
        rows.append([i + 1, sex, sport, level, age, round(hgt, 1), round(wt, 1),
                     round(vo2, 1) if i not in (33, 90) else None, round(rhr), round(sprint, 2),
                     round(cmj, 1), round(squat / 2.5) * 2.5, round(hrs, 1), coach, injured,
                     round(pre / 40) * 40, round(post / 40) * 40 if i != 57 else None,
                     round(hopl), round(hopr)])
    write("athletes.csv", ["athlete_no", "Sex", "sport", "level", "age", "hgt_cm", "wt_kg", "VO2max",
                           "rhr", "sprint_30m (s)", "cmj_cm", "Squat 1RM (kg)", "training_hrs_wk",
                           "coach", "injured", "yoyo_pre", "yoyo_post", "hop_L_cm", "hop_R_cm"], rows)


# ---------------------------------------------------------------- production line QC
def line_qc():
    rng = random.Random(303)
    ops = ["Ana", "Ben", "Chen", "Dev", "Eli"]
    rows = []
    for i in range(240):
        line = rng.choice(["L1", "L2", "L3"])
        shift = "night" if rng.random() < 0.4 else "day"
        batch = rng.randint(1, 4)
        op = rng.choice(ops)
        supplier = "B" if rng.random() < 0.45 else "A"
        temp = rng.gauss(212 + (4 if line == "L3" else 0), 3.5)
        press = rng.gauss(455 if supplier == "A" else 460, 10 if supplier == "A" else 16)
        cyc = rng.gammavariate(9, 4.2) + {"L1": 0, "L2": 3, "L3": 6}[line]
        diam = 25.0 + 0.004 * (temp - 212) + rng.gauss(0.01, 0.015 + 0.006 * (batch - 1))
        wt = 118 + 0.12 * (temp - 212) + 0.03 * (press - 455) + (0.8 if line == "L2" else 0) + rng.gauss(0, 0.7)
        torque = rng.gauss({"Ana": 12.0, "Ben": 12.4, "Chen": 11.8, "Dev": 12.9, "Eli": 12.1}[op], 0.6)
        gl = rng.gauss(3.20, 0.05)
        gr = gl + rng.gauss(0.012, 0.02)
        lam = 0.6 + (0.7 if shift == "night" else 0) + 0.02 * (cyc - 40) + (0.4 if op == "Dev" else 0)
        lam = max(0.1, lam)
        # poisson draw
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= L:
                break
            k += 1
        fail_p = 0.06 + 0.08 * (supplier == "B") + 0.05 * (shift == "night") + 0.05 * min(k, 4)
        qc = "fail" if rng.random() < fail_p else "pass"
        rows.append([f"U{i + 1:04d}", line, shift, batch, op, supplier, round(temp, 1),
                     round(press, 1) if i not in (12, 77, 150, 201, 233) else None, round(cyc, 1),
                     round(diam, 3), round(wt, 2), round(torque, 2), round(gl, 3), round(gr, 3), k, qc])
    write("line_qc.csv", ["unit_id", "line", "shift", "batch", "Operator:", "supplier", "temp_C",
                          "press.kPa", "cycle_time_s", "diam_mm", "wt_g", "torque_Nm", "gauge_L_mm",
                          "gauge_R_mm", "defects", "qc_result"], rows)


# ---------------------------------------------------------------- real estate listings
def listings():
    rng = random.Random(404)
    hoods = {"Downtown": (1.5, 1.35), "Riverside": (5, 1.15), "Hillcrest": (8, 1.25),
             "Oakwood": (11, 1.0), "Eastgate": (14, 0.85)}
    rows = []
    for i in range(180):
        hood = rng.choice(list(hoods))
        dist0, mult = hoods[hood]
        ptype = rng.choices(["house", "condo", "townhouse"],
                            [0.25, 0.55, 0.2] if hood == "Downtown" else [0.6, 0.15, 0.25])[0]
        beds = {"house": rng.randint(2, 5), "condo": rng.randint(1, 3), "townhouse": rng.randint(2, 4)}[ptype]
        baths = clip(round((beds * 0.6 + rng.uniform(0, 1.2)) * 2) / 2, 1, 3.5)
        sqft = clip(rng.gauss(420 + 430 * beds, 180) * (1.1 if ptype == "house" else 0.9), 450, 4200)
        yr = rng.randint(1925, 2022)
        lot = round(math.exp(rng.gauss(-1.5, 0.5)), 2) if ptype != "condo" else None
        garage = "yes" if rng.random() < (0.85 if ptype == "house" else 0.35) else "no"
        dist = max(0.3, dist0 + rng.gauss(0, 1.8))
        school = clip(round(rng.gauss(5 + (2 if hood in ("Hillcrest", "Oakwood") else 0), 1.6)), 1, 10)
        hoa = round(rng.uniform(150, 650)) if ptype == "condo" else (round(rng.uniform(50, 250)) if ptype == "townhouse" else 0)
        base = (90000 + 230 * sqft) * mult * (1 + 0.04 * (school - 5)) * math.exp(rng.gauss(0, 0.18))
        lp = round(base / 1000) * 1000
        sp = round(lp * rng.gauss(0.975, 0.035) / 500) * 500
        dom = max(1, round(rng.expovariate(1 / 28) * (0.7 if garage == "yes" else 1.0)))
        over = "yes" if sp > lp else "no"
        rows.append([f"MLS-{10001 + i}", hood, ptype, beds, baths, round(sqft),
                     yr if i not in (45, 132) else None, lot, garage, round(dist, 1), school, hoa,
                     lp, sp, dom, over])
    write("listings.csv", ["listing_id", "neighborhood", "type", "beds", "baths", "sq.ft", "yr_built",
                           "lot_acres", "garage", "dist_cbd_km", "school_rating", "HOA fee ($/mo)",
                           "list_price", "sale_price", "days_on_mkt", "sold_over_ask"], rows)


# ---------------------------------------------------------------- restaurant tips
def tips():
    rng = random.Random(505)
    servers = {"Jo": "F", "Mia": "F", "Lena": "F", "Raj": "M", "Tom": "M", "Sam": "M"}
    rows = []
    for i in range(210):
        day = rng.choices(["Thu", "Fri", "Sat", "Sun"], [0.2, 0.25, 0.32, 0.23])[0]
        tm = "lunch" if (day == "Thu" and rng.random() < 0.7) or rng.random() < 0.15 else "dinner"
        smoker = "yes" if rng.random() < 0.35 else "no"
        party = rng.choices([1, 2, 3, 4, 5, 6], [0.06, 0.55, 0.15, 0.17, 0.04, 0.03])[0]
        bill = max(4.5, party * rng.gauss(8.5, 2.8) + (4 if tm == "dinner" else 0) + rng.expovariate(1 / 3))
        server = rng.choice(list(servers))
        ssex = 1 if servers[server] == "M" else 0
        section = rng.choice(["patio", "main", "bar"])
        wait = max(1, round(rng.gammavariate(3, 4) + (5 if day == "Sat" else 0)))
        rating = clip(round(rng.gauss(4.3 - 0.06 * wait, 0.8)), 1, 5)
        pct = clip(rng.gauss(13 + 1.1 * rating + (1.0 if tm == "dinner" else 0)
                             + {"Jo": 0.5, "Mia": 1.5, "Lena": 0, "Raj": -0.5, "Tom": 0, "Sam": 0.8}[server], 3.0), 0, 35)
        tip = round(bill * pct / 100, 2)
        pay = "cash" if rng.random() < (0.45 if smoker == "yes" else 0.3) else "card"
        rep = "yes" if rng.random() < 0.3 else "no"
        rows.append([1001 + i, day, tm, smoker, party, round(bill, 2), tip,
                     round(100 * tip / bill, 1), server, ssex,
                     rating if i not in (21, 140, 188) else None, wait, pay, section, rep])
    write("tips_service.csv", ["check_no", "day", "time", "smoker", "party size", "bill_total", "tip ",
                               "tip_pct", "server", "server_sex", "service_rating", "wait_min",
                               "payment", "section", "repeat_customer"], rows)


# ---------------------------------------------------------------- sleep & wellbeing (repeated measures)
def sleep():
    rng = random.Random(606)
    rows = []
    for i in range(96):
        arm = ["CBT-I", "hygiene", "waitlist"][i % 3]
        sex = rng.randint(0, 1)
        age = rng.randint(21, 68)
        chrono = rng.choices(["morning", "intermediate", "evening"], [0.3, 0.45, 0.25])[0]
        shift = "yes" if rng.random() < 0.22 else "no"
        caf = max(0, round(rng.gauss(210, 110)))
        screen = clip(rng.gauss(3.2, 1.3), 0.3, 8)
        steps = round(clip(rng.gauss(7600 + (600 if sex == 1 else 0), 2400), 1500, 16000), -1)
        lat = clip(math.exp(rng.gauss(3.0, 0.55)) + 0.03 * caf, 3, 150)
        s0 = clip(rng.gauss(6.1 - 0.18 * screen - (0.5 if shift == "yes" else 0), 0.7), 3.5, 8.5)
        gain = {"CBT-I": 0.9, "hygiene": 0.35, "waitlist": 0.05}[arm]
        if arm == "CBT-I" and chrono == "evening":
            gain += 0.4
        s4 = s0 + gain * 0.6 + rng.gauss(0, {"CBT-I": 0.55, "hygiene": 0.4, "waitlist": 0.35}[arm])
        s8 = s0 + gain + rng.gauss(0, 0.45)
        p0 = clip(round(rng.gauss(11 - 0.8 * (s0 - 6), 2.5)), 3, 21)
        p8 = clip(round(p0 - {"CBT-I": 4, "hygiene": 1.8, "waitlist": 0.4}[arm] + rng.gauss(0, 2)), 0, 21)
        w0 = clip(round(rng.gauss(44 - 0.6 * (p0 - 11), 6)), 14, 70)
        w8 = clip(round(w0 + 0.8 * (p0 - p8) + rng.gauss(0, 3.5)), 14, 70)
        improved = "yes" if p0 - p8 >= 3 else "no"
        drop = i in (7, 29, 52, 80)
        rows.append([f"S{i + 1:03d}", arm, sex, age, chrono, shift, caf, round(screen, 1), int(steps),
                     round(lat), round(s0, 2), round(s4, 2) if i != 61 else None,
                     None if drop else round(s8, 2), p0, None if drop else p8, w0,
                     None if drop else w8, None if drop else improved])
    write("sleep_study.csv", ["subj", "arm", "sex", "Age:", "chronotype", "shift_worker", "caffeine_mg",
                              "screen_hrs", "steps_per_day", "sleep_latency_min", "sleep_h_wk0",
                              "sleep_h_wk4", "sleep_h_wk8", "psqi_wk0", "psqi_wk8", "wemwbs_wk0",
                              "wemwbs_wk8", "improved"], rows)


# ---------------------------------------------------------------- building energy
def energy():
    rng = random.Random(707)
    eui_base = {"office": 190, "school": 150, "retail": 210, "hospital": 380}
    rows = []
    for i in range(150):
        use = rng.choices(list(eui_base), [0.35, 0.25, 0.25, 0.15])[0]
        zone = rng.randint(1, 4)
        area = math.exp(rng.gauss(8.3 if use != "hospital" else 9.6, 0.7))
        yr = rng.randint(1950, 2020)
        floors = max(1, round(area / rng.uniform(900, 2600)))
        occ = max(5, round(area / rng.uniform(12, 30)))
        hvac = rng.choices(["gas", "heat pump", "electric"],
                           [0.55, 0.15, 0.3] if zone >= 3 else [0.3, 0.45, 0.25])[0]
        retro = "yes" if rng.random() < 0.35 else "no"
        smart = "yes" if rng.random() < (0.7 if retro == "yes" else 0.4) else "no"
        wwr = round(rng.uniform(0.15, 0.65), 2)
        setp = round(rng.gauss(21.5, 0.9), 1)
        eui = eui_base[use] * (1 + 0.08 * (zone - 2.5)) * (1 + 0.004 * (2000 - yr) / 2) \
            * (1 + 0.5 * (wwr - 0.4)) * (0.82 if retro == "yes" else 1) \
            * (1.25 if use != "hospital" and rng.random() < 0.1 else 1) * math.exp(rng.gauss(0, 0.12 + 0.06 * (hvac == "electric")))
        k23 = eui * area
        k22 = k23 * math.exp(rng.gauss(0.035 + (0.05 if retro == "yes" else 0), 0.06))
        star = clip(round(100 - 0.25 * (eui - 0.5 * eui_base[use]) + rng.gauss(0, 8)), 1, 100)
        rows.append([f"B-{i + 1:03d}", use, zone, round(area), yr, floors, occ, hvac, retro, smart,
                     wwr, setp if i not in (14, 99) else None, int(round(k22, -2)), int(round(k23, -2)),
                     round(eui, 1), star if i not in (5, 71, 118) else None])
    write("building_energy.csv", ["bldg_id", "use_type", "climate_zone", "floor area m2 ", "yr_built",
                                  "floors", "occupants", "hvac", "retrofit", "smart_meter",
                                  "Window-to-wall ratio", "setpoint_C", "kWh_2022", "kWh_2023",
                                  "EUI (kWh/m2)", "EnergyStar"], rows)


# ---------------------------------------------------------------- public transport punctuality
def transit():
    rng = random.Random(808)
    routes = {4: ("tram", "North", 28, 18), 11: ("bus", "North", 35, 24), 23: ("bus", "South", 42, 30),
              47: ("tram", "East", 31, 21), 60: ("bus", "East", 55, 38)}
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    rows = []
    for i in range(260):
        route = rng.choice(list(routes))
        mode, depot, sched, stops0 = routes[route]
        wd = rng.choice(days)
        peak = "peak" if wd not in ("Sat", "Sun") and rng.random() < 0.45 else "off-peak"
        rain = 0.0 if rng.random() < 0.62 else round(rng.expovariate(1 / 4.5), 1)
        temp = round(rng.gauss(12, 6), 1)
        pax = max(3, round(rng.gauss(38 + (25 if peak == "peak" else 0) + (10 if mode == "tram" else 0), 12)))
        stops = stops0 + rng.randint(-2, 2)
        dyrs = round(rng.uniform(0.5, 30), 1)
        roadworks = "yes" if rng.random() < 0.15 else "no"
        delay = (rng.gammavariate(1.6, 2.2) - 1.5) * (1.3 if mode == "bus" else 0.8) \
            + 0.35 * rain + 0.04 * (pax - 40) + (2.5 if roadworks == "yes" else 0) \
            + (1.5 if peak == "peak" else 0) - 0.05 * dyrs \
            + ({"North": 0, "South": 1.0, "East": 0.3}[depot]) * rng.uniform(0.5, 2.5)
        delay = round(delay, 1)
        actual = round(sched + delay, 1)
        on_time = "yes" if delay <= 3 else "no"
        rows.append([f"T{i + 1:05d}", route, mode, depot, wd, peak, sched, actual, delay, on_time,
                     pax if i not in (40, 173) else None, rain, temp, stops, dyrs, roadworks])
    write("transit_punctuality.csv", ["trip_id", "route", "mode", "Depot:", "weekday", "peak",
                                      "sched_min", "actual_min", "delay (min)", "on_time", "passengers",
                                      "rain_mm", "temp_c", "stops", "driver_yrs", "roadworks"], rows)


if __name__ == "__main__":
    cars()
    athletes()
    line_qc()
    listings()
    tips()
    sleep()
    energy()
    transit()
    print("wrote", sorted(os.listdir(OUT)))
