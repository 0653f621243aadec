#!/usr/bin/env python3
"""Deterministic generator for the blind15 datasets (standard library only)."""
import csv
import datetime as dt
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def poisson(r, lam):
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= r.random()
        if p <= L:
            return k
        k += 1


# 1. pharmacy ---------------------------------------------------------------
def pharmacy_dispensing():
    r = random.Random(1501)
    header = ["rx_id", "dispense_date", "branch", "shift", "pharmacist_yrs", "items_on_rx",
              "wait_min", "generic_substituted", "patient_age", "counselling_given",
              "dispensing_error", "cost_gbp", "satisfaction_1to5"]
    rows = []
    start = dt.date(2024, 1, 2)
    bshift = {"Northgate": 0.0, "Riverside": 3.0, "Old Town": 1.5}
    for i in range(240):
        d = start + dt.timedelta(days=r.randint(0, 180))
        branch = r.choice(list(bshift))
        shift = "evening" if r.random() < 0.35 else "day"
        yrs = r.randint(1, 30)
        items = clip(int(r.expovariate(1 / 2.2)) + 1, 1, 8)
        wait = 4 + 2.1 * items + bshift[branch] + (2.5 if shift == "evening" else 0) \
            - 0.08 * yrs + r.gammavariate(2, 1.6)
        generic = "Y" if r.random() < 0.62 else "N"
        age = clip(int(r.gauss(52, 19)), 16, 94)
        couns = 1 if r.random() < (0.3 + 0.006 * (age - 40)) else 0
        err_p = 0.03 + (0.05 if items >= 5 else 0) - 0.001 * yrs
        err = 1 if r.random() < max(err_p, 0.005) else 0
        cost = items * r.uniform(3.5, 14) * (0.7 if generic == "Y" else 1.0)
        sat = clip(int(round(4.6 - 0.12 * wait + 0.3 * couns + r.gauss(0, 0.8))), 1, 5)
        rows.append([f"RX{10001 + i}", d.isoformat(), branch, shift, yrs, items,
                     round(wait, 1), generic, age, couns, err, round(cost, 2), sat])
    rows.sort(key=lambda x: x[1])
    write("pharmacy_dispensing", header, rows)


# 2. construction -----------------------------------------------------------
def building_sites():
    r = random.Random(1502)
    header = ["SiteID", "Contractor", "ProjectType", "StartYear", "CrewSize", "FloorArea_m2",
              "BudgetOverrun_pct", "DaysLate", "WeatherDelayDays", "SafetyIncidents",
              "UnionLabour", "Region"]
    cshift = {"Aldwell": 2.0, "BriggsCo": 6.5, "Cantor & Sons": 4.0, "Dunmore": 9.0}
    csd = {"Aldwell": 4, "BriggsCo": 6, "Cantor & Sons": 5, "Dunmore": 11}
    rows = []
    for i in range(120):
        c = r.choice(list(cshift))
        pt = r.choices(["Residential", "Commercial", "Infrastructure"], [5, 3, 2])[0]
        year = r.randint(2019, 2023)
        area = round(r.lognormvariate(7.6 if pt == "Residential" else 8.3, 0.5))
        crew = clip(int(area / 180 + r.gauss(8, 4)), 4, 90)
        region = "Rural" if r.random() < 0.4 else "Urban"
        weather = clip(int(r.gammavariate(1.5, 4) + (3 if region == "Rural" else 0)), 0, 60)
        late = clip(int(r.gammavariate(1.3, 12) + 1.4 * weather + (8 if pt == "Infrastructure" else 0)), 0, 300)
        over = cshift[c] + 0.12 * late + r.gauss(0, csd[c])
        inc = poisson(r, 0.3 + crew / 40)
        union = 1 if r.random() < 0.45 else 0
        rows.append([f"S-{i + 1:03d}", c, pt, year, crew, area, round(over, 1), late,
                     weather, inc, union, region])
    write("building_sites", header, rows)


# 3. gaming -----------------------------------------------------------------
def ranked_matches():
    r = random.Random(1503)
    header = ["match_id", "server", "input_device", "rank_tier", "party_size", "ping_ms",
              "match_length_min", "kills", "deaths", "assists", "dmg_dealt", "won",
              "mmr_before", "mmr_after"]
    tiers = ["Bronze", "Silver", "Gold", "Platinum", "Diamond"]
    ping_base = {"EU": 35, "NA": 48, "ASIA": 70, "OCE": 95}
    rows = []
    for i in range(300):
        srv = r.choices(list(ping_base), [4, 4, 3, 1])[0]
        dev = "controller" if r.random() < 0.42 else "mouse_keyboard"
        t = r.choices(range(5), [3, 4, 4, 2, 1])[0]
        party = r.choices([1, 2, 3, 4], [5, 3, 2, 2])[0]
        ping = round(r.lognormvariate(math.log(ping_base[srv]), 0.3))
        length = round(clip(r.gauss(27, 6), 12, 48), 1)
        skill = t + (0.4 if dev == "mouse_keyboard" else 0) + r.gauss(0, 1)
        kills = poisson(r, clip(4 + 1.5 * skill - ping / 60, 0.5, 30) * length / 27)
        deaths = poisson(r, clip(7 - 0.6 * skill + ping / 80, 1, 20) * length / 27)
        assists = poisson(r, 3 + 0.4 * party)
        dmg = int(kills * r.uniform(220, 320) + assists * r.uniform(60, 120) + r.gauss(800, 250))
        pwin = 1 / (1 + math.exp(-(0.35 * (kills - deaths) + 0.15 * (party - 1))))
        won = 1 if r.random() < pwin else 0
        mmr0 = int(900 + 250 * t + r.gauss(0, 90))
        mmr1 = mmr0 + (r.randint(14, 28) if won else -r.randint(12, 26))
        rows.append([f"M{700000 + i * 7}", srv, dev, tiers[t], party, ping, length, kills,
                     deaths, assists, dmg, won, mmr0, mmr1])
    write("ranked_matches", header, rows)


# 4. libraries --------------------------------------------------------------
def library_footfall():
    r = random.Random(1504)
    header = ["Date", "Branch", "Day Type", "Opening Hours", "Staff On Duty", "Visitors",
              "Loans", "PC Sessions", "Wifi Users", "Storytime", "Temp_C"]
    size = {"Central": 620, "Eastfield": 240, "Harbour": 310, "Millbrook": 170}
    rows = []
    day = dt.date(2023, 3, 1)
    while len(rows) < 200:
        if day.weekday() != 6:  # closed Sundays
            for b in size:
                if len(rows) >= 200:
                    break
                wk = "Weekend" if day.weekday() == 5 else "Weekday"
                hours = 6 if wk == "Weekend" else r.choice([8, 8, 9, 10])
                doy = day.timetuple().tm_yday
                temp = round(11 + 8 * math.sin((doy - 110) / 365 * 2 * math.pi) + r.gauss(0, 3), 1) + 0.0
                story = "Yes" if (r.random() < (0.5 if wk == "Weekend" else 0.2)) else "No"
                vis = int(size[b] * hours / 8 * (1.15 if wk == "Weekend" else 1)
                          * (1.12 if story == "Yes" else 1) * (1 - 0.01 * (temp - 11))
                          * r.lognormvariate(0, 0.18))
                staff = clip(int(size[b] / 90 + r.gauss(1, 1)), 2, 12)
                loans = int(vis * r.uniform(0.45, 0.75))
                pcs = int(vis * r.uniform(0.08, 0.2))
                wifi = int(vis * r.uniform(0.3, 0.55))
                rows.append([day.isoformat(), b, wk, hours, staff, vis, loans, pcs, wifi, story, temp])
        day += dt.timedelta(days=1)
    write("library_footfall", header, rows)


# 5. water utilities ----------------------------------------------------------
def household_meters():
    r = random.Random(1505)
    header = ["meter_id", "dma", "property_type", "occupants", "smart_meter", "garden",
              "pipe_material", "pressure_bar", "usage_q1_m3", "usage_q2_m3", "leak_found",
              "bill_gbp", "complaints_12m"]
    rows = []
    for i in range(260):
        dma = r.choice(["Hilltop", "Valley", "Coastal"])
        pt = r.choices(["flat", "terraced", "detached"], [4, 4, 2])[0]
        occ = clip(int(r.gauss(2.6 if pt != "flat" else 1.8, 1.1) + 0.5), 1, 6)
        smart = 1 if r.random() < 0.4 else 0
        garden = "N" if pt == "flat" else ("Y" if r.random() < 0.8 else "N")
        pipe = r.choices(["copper", "lead", "PVC"], [5, 2, 3])[0]
        pbar = round(clip(r.gauss({"Hilltop": 2.1, "Valley": 3.4, "Coastal": 2.8}[dma], 0.45), 0.8, 5), 2)
        leak = "yes" if r.random() < (0.06 + (0.12 if pipe == "lead" else 0) + 0.03 * (pbar - 2.5)) else "no"
        q1 = 9 + 8.5 * occ + (4 if garden == "Y" else 0) + (9 if leak == "yes" else 0) + r.gauss(0, 5)
        q2 = q1 * (1.08 if garden == "Y" else 1.01) * (0.94 if smart else 1) + r.gauss(0, 3.5)
        bill = 38 + 1.9 * (q1 + q2) + r.gauss(0, 12)
        comp = poisson(r, 0.25 + (0.6 if leak == "yes" else 0) + (0.3 if pbar < 1.6 else 0))
        rows.append([f"WM{400100 + i}", dma, pt, occ, smart, garden, pipe, pbar,
                     round(max(q1, 2), 1), round(max(q2, 2), 1), leak, round(bill, 2), comp])
    write("household_meters", header, rows)


# 6. e-learning ---------------------------------------------------------------
def mooc_learners():
    r = random.Random(1506)
    header = ["learner_id", "enrol_date", "track", "cohort", "device", "age", "pre_quiz",
              "post_quiz", "videos_watched", "forum_posts", "hours_logged", "paid_certificate",
              "completed", "NPS"]
    rows = []
    cstart = {1: dt.date(2024, 1, 8), 2: dt.date(2024, 4, 8), 3: dt.date(2024, 9, 2)}
    for i in range(180):
        track = r.choice(["Data Science", "UX Design", "Business Analytics"])
        cohort = r.choice([1, 2, 3])
        d = cstart[cohort] - dt.timedelta(days=r.randint(0, 40))
        dev = "mobile" if r.random() < 0.38 else "desktop"
        age = clip(int(r.gauss(33, 9)), 18, 68)
        paid = 1 if r.random() < 0.3 else 0
        hours = round(clip(r.gammavariate(2.2, 9) * (1.3 if paid else 1) * (0.8 if dev == "mobile" else 1), 0.5, 140), 1)
        vids = clip(int(hours * 1.6 + r.gauss(0, 6)), 0, 120)
        posts = poisson(r, 0.5 + hours / 18)
        pre = clip(int(r.gauss(48 + (4 if track == "Business Analytics" else 0), 13)), 5, 95)
        post = clip(int(pre + 4 + 0.35 * hours + r.gauss(0, 8)), 5, 100)
        comp = "Yes" if r.random() < (0.15 + 0.011 * hours + 0.25 * paid) else "No"
        nps = clip(int(round(5.5 + 0.04 * (post - pre) + (1 if comp == "Yes" else 0) + r.gauss(0, 2))), 0, 10)
        rows.append([f"L{5000 + i}", d.isoformat(), track, cohort, dev, age, pre, post,
                     vids, posts, hours, paid, comp, nps])
    write("mooc_learners", header, rows)


# 7. dentistry ----------------------------------------------------------------
def gum_health_trial():
    r = random.Random(1507)
    header = ["patient_no", "clinic", "arm", "sex", "age_yrs", "smoker", "brushes_per_day",
              "plaque_idx_base", "plaque_idx_wk12", "bleeding_sites_base", "bleeding_sites_wk12",
              "sensitivity_vas", "new_caries"]
    eff = {"Fluoride": -0.45, "Herbal": -0.3, "Placebo": -0.08}
    arms = [a for a in eff for _ in range(32)]
    r.shuffle(arms)
    rows = []
    for i, arm in enumerate(arms):
        clinic = "Leeds" if r.random() < 0.55 else "York"
        sex = r.choice([1, 2])
        age = clip(int(r.gauss(41, 13)), 18, 75)
        smoker = 1 if r.random() < 0.22 else 0
        bpd = r.choices([1, 2, 3], [3, 6, 1])[0]
        pb = clip(r.gauss(1.9 + 0.3 * smoker - 0.15 * (bpd - 2), 0.4), 0.4, 3)
        pw = clip(pb + eff[arm] + r.gauss(0, 0.3 if arm != "Herbal" else 0.45), 0.1, 3)
        bb = poisson(r, 10 + 6 * smoker)
        bw = max(0, bb + int(round(eff[arm] * 8 + r.gauss(0, 3))))
        vas = clip(int(r.gammavariate(2, 9) + (6 if arm == "Herbal" else 0)), 0, 100)
        car = "yes" if r.random() < (0.1 + 0.15 * smoker - (0.05 if arm == "Fluoride" else 0)) else "no"
        rows.append([f"P{i + 1:03d}", clinic, arm, sex, age, smoker, bpd, round(pb, 2),
                     round(pw, 2), bb, bw, vas, car])
    write("gum_health_trial", header, rows)


# 8. shipping -----------------------------------------------------------------
def port_calls():
    r = random.Random(1508)
    header = ["CallRef", "ArrivalDate", "Terminal", "VesselType", "GrossTonnage", "Cargo_t",
              "Cranes", "BerthHours", "AnchorageWait_h", "NightShift", "CustomsHold",
              "DamageReported", "FuelUsed_t"]
    rows = []
    start = dt.date(2023, 1, 1)
    for i in range(150):
        d = start + dt.timedelta(days=r.randint(0, 364))
        term = r.choices(["North Quay", "South Quay", "East Basin"], [5, 4, 3])[0]
        vt = r.choices(["Container", "Bulk", "RoRo", "Tanker"], [5, 3, 2, 2])[0]
        gt = int(r.lognormvariate({"Container": 10.6, "Bulk": 10.3, "RoRo": 10.0, "Tanker": 10.4}[vt], 0.35))
        cargo = int(gt * r.uniform(0.35, 0.8))
        cranes = clip(int(cargo / 9000 + r.gauss(1.5, 1)), 1, 8) if vt in ("Container", "Bulk") else r.choice([1, 2])
        berth = 6 + cargo / (1500 * cranes) + (4 if term == "East Basin" else 0) + r.gammavariate(2, 2.5)
        wait = r.expovariate(1 / (6 if term == "North Quay" else 10))
        night = 1 if r.random() < 0.3 else 0
        hold = "Y" if r.random() < 0.12 else "N"
        dmg = "Y" if r.random() < (0.06 + 0.08 * night + (0.05 if vt == "RoRo" else 0)) else "N"
        fuel = 2 + gt / 9000 + 0.25 * wait + r.gauss(0, 1)
        rows.append([f"PC23-{i + 1:04d}", d.isoformat(), term, vt, gt, cargo, cranes,
                     round(berth, 1), round(wait, 1), night, hold, dmg, round(max(fuel, 0.5), 2)])
    rows.sort(key=lambda x: x[1])
    write("port_calls", header, rows)


if __name__ == "__main__":
    for fn in (pharmacy_dispensing, building_sites, ranked_matches, library_footfall,
               household_meters, mooc_learners, gum_health_trial, port_calls):
        fn()
    print("wrote", sorted(os.listdir(OUT)))
