"""Deterministic generator for the blind17 datasets (standard library only)."""
import csv
import datetime as dt
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def poisson(rng, lam):
    lam = max(lam, 0.0)
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def seagrass_transects():
    rng = random.Random(1701)
    header = ["transect_id", "site", "protection", "survey_year", "diver", "depth_m",
              "turbidity_NTU", "water_temp_C", "urchin_count", "shoot_density_m2",
              "canopy_height_cm", "epiphyte_g_m2"]
    rows = []
    for i in range(1, 121):
        site = rng.choice(["North Bay", "Kelp Point", "Harbour Mouth"])
        prot = "MPA" if rng.random() < (0.6 if site != "Harbour Mouth" else 0.3) else "open"
        year = rng.choice([2021, 2022, 2023])
        diver = rng.choice(["AK", "JM", "RS", "LT"])
        depth = round(rng.uniform(1.5, 9.0), 1)
        turb = rng.lognormvariate(1.0 + (0.6 if site == "Harbour Mouth" else 0.0), 0.45)
        temp = rng.gauss(15.5 + 0.4 * (year - 2021), 1.1)
        urch = poisson(rng, 6 if prot == "open" else 3)
        dens = 420 - 28 * depth - 9 * turb + 55 * (prot == "MPA") - 6 * urch + rng.gauss(0, 45)
        dens = int(round(clip(dens, 20, 900)))
        canopy = 18 + 0.035 * dens + rng.gauss(0, 4.5)
        epi = clip(rng.gauss(12 + 2.2 * (temp - 15), 4.0), 0.5, 60)
        rows.append([f"T{i:03d}", site, prot, year, diver, depth, round(turb, 2), round(temp, 1),
                     urch, dens, round(canopy, 1), round(epi, 1)])
    write("seagrass_transects", header, rows)


def hotel_energy():
    rng = random.Random(1702)
    header = ["HotelID", "Region", "StarRating", "Chain", "Rooms", "FloorArea_m2", "OccupancyPct",
              "GuestNights", "HVAC_Type", "HasSolar", "kWh_2022", "kWh_2023", "GasUse_m3"]
    rows = []
    for i in range(1, 151):
        region = rng.choices(["Coastal", "Urban", "Mountain"], [0.35, 0.45, 0.2])[0]
        star = rng.choices([3, 4, 5], [0.45, 0.4, 0.15])[0]
        chain = "Yes" if rng.random() < 0.45 + 0.1 * (star - 3) else "No"
        rooms = int(clip(rng.gauss(45 + 30 * (star - 3) + (25 if region == "Urban" else 0), 20), 8, 260))
        area = int(round(rooms * rng.uniform(38, 55) + 400))
        occ = round(clip(rng.gauss(68 if region == "Urban" else 61, 12), 22, 98), 1)
        nights = int(rooms * 365 * occ / 100 * rng.uniform(1.3, 1.8))
        hvac = rng.choices(["Central", "Split", "HeatPump"], [0.4, 0.35, 0.25])[0]
        solar = 1 if rng.random() < (0.35 if chain == "Yes" else 0.2) + (0.1 if region == "Coastal" else 0) else 0
        k22 = area * rng.uniform(95, 140) * (1 + 0.004 * (occ - 60)) * (1.15 if hvac == "HeatPump" else 1.0)
        k22 *= 1.0 + 0.1 * (star - 3)
        k23 = k22 * rng.gauss(0.95 - 0.06 * solar, 0.06)
        gas = area * rng.uniform(6, 12) * (0.35 if hvac == "HeatPump" else 1.0) * (1.3 if region == "Mountain" else 1.0)
        rows.append([f"H{i:04d}", region, star, chain, rooms, area, occ, nights, hvac, solar,
                     int(round(k22)), int(round(k23)), int(round(gas))])
    write("hotel_energy", header, rows)


def courier_vans():
    rng = random.Random(1703)
    header = ["van_reg", "date", "depot", "fuel", "shift", "driver_tenure_months", "drops_per_day",
              "route_km", "avg_speed_kmh", "load_kg", "failed_drops", "on_time_pct", "late_return"]
    letters = "ABCDEFGHJKLMNPRSTVWXY"
    regs = []
    for _ in range(60):
        regs.append(f"{rng.choice(['YX', 'YD', 'YK', 'VX', 'YJ'])}{rng.choice(['19', '20', '21', '22', '23', '71', '72', '73'])} "
                    f"{''.join(rng.choice(letters) for _ in range(3))}")
    van_fuel = {r: ("electric" if rng.random() < 0.4 else "diesel") for r in regs}
    van_depot = {r: rng.choice(["Leeds", "Bradford", "Wakefield", "Huddersfield"]) for r in regs}
    start = dt.date(2024, 3, 4)
    rows = []
    for _ in range(200):
        reg = rng.choice(regs)
        day = start + dt.timedelta(days=rng.randrange(0, 61))
        depot, fuel = van_depot[reg], van_fuel[reg]
        shift = rng.choice(["AM", "PM"])
        tenure = int(clip(rng.expovariate(1 / 20), 1, 120))
        drops = int(clip(rng.gauss(95 if depot == "Leeds" else 80, 15), 35, 150))
        km = clip(rng.gammavariate(6, 12) + 0.25 * drops, 25, 260)
        speed = clip(rng.gauss(34 - (3 if fuel == "electric" else 0) + 0.03 * km - (4 if depot == "Leeds" else 0), 5), 14, 60)
        load = clip(rng.gauss(420 + 2.2 * drops, 90), 120, 950)
        failed = poisson(rng, 6.5 - 0.04 * min(tenure, 80) + (1.5 if shift == "PM" else 0))
        ontime = clip(rng.gauss(93 - 0.6 * failed + 0.05 * min(tenure, 60) - 0.02 * km, 3.2), 60, 100)
        late = "Y" if rng.random() < (0.18 + (0.12 if fuel == "electric" else 0) + (0.08 if shift == "PM" else 0)) else "N"
        rows.append([reg, day.isoformat(), depot, fuel, shift, tenure, drops, round(km, 1), round(speed, 1),
                     int(round(load)), failed, round(ontime, 1), late])
    rows.sort(key=lambda r: r[1])
    write("courier_vans", header, rows)


def hip_arthroplasty():
    rng = random.Random(1704)
    header = ["patient_no", "sex", "age_yrs", "BMI", "ASA_grade", "approach", "implant", "consultant",
              "OHS_preop", "OHS_12mo", "op_time_min", "blood_loss_ml", "LOS_days", "VAS_day1", "complication"]
    rows = []
    for i in range(160):
        sex = "F" if rng.random() < 0.58 else "M"
        age = int(clip(rng.gauss(69, 9), 42, 92))
        bmi = round(clip(rng.lognormvariate(math.log(28), 0.15), 18.5, 48), 1)
        asa = rng.choices([1, 2, 3], [0.2, 0.55, 0.25])[0]
        cons = rng.choice(["Okafor", "Lindqvist", "Patel", "Reid"])
        approach = rng.choices(["posterior", "anterior", "lateral"], [0.5, 0.25, 0.25])[0]
        implant = "cemented" if rng.random() < (0.3 + 0.012 * (age - 60)) else "uncemented"
        pre = int(clip(rng.gauss(18, 6), 2, 36))
        post = int(clip(pre * 0.25 + rng.gauss(33, 6) - 0.08 * (age - 69) - (2 if asa == 3 else 0), 5, 48))
        optime = clip(rng.gauss(75 + 1.4 * (bmi - 28) + (10 if approach == "anterior" else 0)
                                + {"Okafor": 0, "Lindqvist": 8, "Patel": -5, "Reid": 4}[cons], 14), 40, 160)
        loss = clip(rng.gauss(180 + 3.0 * optime + 6 * (bmi - 28) + (40 if sex == "M" else 0), 90 if cons != "Reid" else 150), 80, 1400)
        los = int(clip(round(rng.lognormvariate(math.log(2.6 + 0.04 * (age - 69) + 0.6 * (asa - 2) - (0.4 if approach == "anterior" else 0)), 0.4)), 1, 14))
        vas = int(clip(round(rng.gauss(5.2 - 0.03 * (age - 69) - (0.6 if approach == "anterior" else 0), 1.8)), 0, 10))
        comp = 1 if rng.random() < (0.05 + 0.05 * (asa - 1) + (0.04 if implant == "uncemented" else 0)) else 0
        rows.append([10421 + i * 3 + rng.randrange(3), sex, age, bmi, asa, approach, implant, cons,
                     pre, post, int(round(optime)), int(round(loss, -1)), los, vas, comp])
    write("hip_arthroplasty", header, rows)


def taproom_nights():
    rng = random.Random(1705)
    header = ["Date", "Taproom", "Event", "Weekend", "Avg Temp C", "Rain mm", "Footfall", "Pints Sold",
              "Revenue GBP", "Staff On", "Guest Beers", "Avg ABV", "Spend per Head"]
    rows = []
    start = dt.date(2024, 4, 1)
    for d in range(60):
        day = start + dt.timedelta(days=d * 3 + rng.randrange(3))
        month_temp = 11 + 0.06 * (day - start).days
        for tap in ["Riverside", "Old Mill", "Station Yard"]:
            wknd = "Y" if day.weekday() >= 4 else "N"
            event = rng.choices(["none", "quiz", "live music", "food truck"],
                                [0.45, 0.2, 0.2, 0.15] if wknd == "N" else [0.3, 0.1, 0.4, 0.2])[0]
            temp = round(rng.gauss(month_temp, 3), 1)
            rain = round(rng.expovariate(1 / 2.5) if rng.random() < 0.45 else 0.0, 1)
            ff = rng.gauss(110 + (60 if wknd == "Y" else 0) + {"none": 0, "quiz": 25, "live music": 55, "food truck": 35}[event]
                           + 3.5 * (temp - 14) - 6 * rain + {"Riverside": 20, "Old Mill": 0, "Station Yard": -15}[tap], 30)
            ff = int(clip(ff, 25, 420))
            pints = int(clip(ff * rng.gauss(1.9, 0.3), 20, 900))
            guest = rng.randint(2, 8)
            abv = round(clip(rng.gauss(4.6 + 0.12 * guest, 0.35), 3.6, 7.5), 2)
            staff = int(clip(round(2 + ff / 70 + rng.gauss(0, 0.7)), 2, 9))
            sph = clip(rng.gauss(13.5 + {"Riverside": 1.2, "Old Mill": -0.8, "Station Yard": 0}[tap]
                                 + (1.5 if event == "food truck" else 0), 2.4 if tap != "Old Mill" else 3.6), 6, 30)
            rev = round(ff * sph, 2)
            rows.append([day.isoformat(), tap, event, wknd, temp, rain, ff, pints, rev, staff, guest, abv, round(sph, 2)])
    write("taproom_nights", header, rows)


def ski_resort_days():
    rng = random.Random(1706)
    header = ["season", "resort", "weekend", "snow_depth_cm", "new_snow_cm", "temp_min_c", "wind_kmh",
              "slopes_open_pct", "snowmaking", "lift_tickets_sold", "lift_queue_min", "patrol_incidents"]
    rows = []
    for _ in range(140):
        season = rng.choice(["2022/23", "2023/24"])
        resort = rng.choices(["Alpvale", "Kronhorn", "Sternwald"], [0.4, 0.35, 0.25])[0]
        wknd = 1 if rng.random() < 0.33 else 0
        depth = clip(rng.gauss(120 + (25 if season == "2023/24" else 0) + {"Alpvale": 0, "Kronhorn": 30, "Sternwald": -25}[resort], 35), 15, 260)
        new = round(rng.expovariate(1 / 9) if rng.random() < 0.4 else 0.0, 0)
        tmin = round(rng.gauss(-8, 4.5), 1)
        wind = round(clip(rng.gammavariate(3, 7 if resort != "Kronhorn" else 10), 0, 110), 0)
        snowmaking = 1 if rng.random() < (0.25 + (0.3 if depth < 100 else 0) + (0.15 if season == "2022/23" else 0)) else 0
        opened = clip(30 + 0.45 * depth - 0.35 * wind + rng.gauss(0, 8), 5, 100)
        tickets = int(clip(rng.gauss(2200 + (1600 if wknd else 0) + 12 * opened + 25 * new
                                     + {"Alpvale": 400, "Kronhorn": 0, "Sternwald": -700}[resort], 550), 300, 9000))
        queue = clip(1.2 + tickets / 700 + rng.gauss(0, 1.2) + (2 if resort == "Alpvale" else 0), 0.5, 25)
        incidents = poisson(rng, 1.0 + tickets / 1500 + 0.03 * wind + 0.04 * max(0, -tmin - 8))
        rows.append([season, resort, wknd, int(round(depth)), int(new), tmin, int(wind), round(opened, 0),
                     snowmaking, tickets, round(queue, 1), incidents])
    write("ski_resort_days", header, rows)


def phonein_shows():
    rng = random.Random(1707)
    header = ["episode", "air_date", "host", "slot", "topic", "guest_expert", "calls_received", "calls_aired",
              "avg_hold_s", "listeners_k", "sms_texts", "complaint_logged"]
    rows = []
    day = dt.date(2024, 1, 8)
    for ep in range(1, 101):
        day += dt.timedelta(days=rng.choice([1, 1, 2, 3]))
        host = rng.choice(["Dana", "Mike", "Priya"])
        slot = {"Dana": "breakfast", "Mike": "drivetime", "Priya": "late"}[host] if rng.random() < 0.7 else rng.choice(["breakfast", "drivetime", "late"])
        topic = rng.choices(["politics", "sport", "health", "money", "local"], [0.25, 0.2, 0.2, 0.15, 0.2])[0]
        guest = "yes" if rng.random() < 0.4 else "no"
        listeners = clip(rng.gauss({"breakfast": 62, "drivetime": 55, "late": 31}[slot] + (4 if guest == "yes" else 0), 9), 8, 110)
        calls = poisson(rng, 0.9 * listeners + {"politics": 25, "sport": 15, "health": 8, "money": 3, "local": 10}[topic]
                        + (9 if guest == "yes" else 0) + {"Dana": 0, "Mike": 6, "Priya": -4}[host])
        aired = int(clip(round(calls * rng.uniform(0.18, 0.32)), 3, 40))
        hold = round(clip(rng.lognormvariate(math.log(60 + 2.2 * calls), 0.3), 15, 900))
        sms = poisson(rng, 2.8 * listeners + rng.gauss(0, 25))
        comp = 1 if rng.random() < (0.08 + (0.22 if topic == "politics" else 0) - (0.04 if guest == "yes" else 0)) else 0
        rows.append([ep, day.isoformat(), host, slot, topic, guest, calls, aired, hold, round(listeners, 1), sms, comp])
    write("phonein_shows", header, rows)


def infant_feeding():
    rng = random.Random(1708)
    header = ["child_id", "clinic", "sex", "feeding", "arm", "maternal_edu", "birth_wt_g", "wt_6mo_kg",
              "wt_12mo_kg", "length_12mo_cm", "Hb_6mo", "Hb_12mo", "daily_kcal", "anaemic_12mo"]
    rows = []
    for i in range(220):
        clinic = rng.choice([1, 2, 3, 4])
        sex = rng.choice([1, 2])
        edu = rng.choices(["primary", "secondary", "tertiary"], [0.3, 0.45, 0.25])[0]
        feeding = rng.choices(["breastfed", "formula", "mixed"],
                              {"primary": [0.45, 0.25, 0.3], "secondary": [0.4, 0.3, 0.3], "tertiary": [0.55, 0.15, 0.3]}[edu])[0]
        arm = "iron" if i % 2 == 0 else "placebo"
        bw = int(clip(rng.gauss(3350 - (120 if sex == 2 else 0) - (60 if clinic == 4 else 0), 460), 1900, 4800))
        kcal = int(clip(rng.gauss({"breastfed": 720, "formula": 800, "mixed": 760}[feeding], 85), 480, 1100))
        w6 = clip(2.3 + 0.0012 * bw + 0.002 * (kcal - 750) - (0.3 if sex == 2 else 0) + rng.gauss(0, 0.55), 5.0, 10.5)
        w12 = clip(w6 + 1.9 + 0.0015 * (kcal - 750) + (0.15 if feeding == "formula" else 0) + rng.gauss(0, 0.4), 6.2, 13.5)
        length = clip(57.5 + 0.0035 * bw + 0.6 * w12 - (1.0 if sex == 2 else 0) + rng.gauss(0, 2.1), 64, 86)
        hb6 = clip(rng.gauss(11.3 - (0.3 if feeding == "breastfed" else 0) - (0.2 if clinic == 3 else 0), 0.9), 8.0, 14.0)
        hb12 = clip(0.5 * hb6 + 5.6 + (0.45 if arm == "iron" else -0.15) + rng.gauss(0, 0.75 if arm == "iron" else 0.95), 7.5, 14.5)
        anaemic = "yes" if hb12 < 11.0 else "no"
        rows.append([f"C{1000 + i}", clinic, sex, feeding, arm, edu, bw, round(w6, 2), round(w12, 2), round(length, 1),
                     round(hb6, 1), round(hb12, 1), kcal, anaemic])
    write("infant_feeding", header, rows)


if __name__ == "__main__":
    seagrass_transects()
    hotel_energy()
    courier_vans()
    hip_arthroplasty()
    taproom_nights()
    ski_resort_days()
    phonein_shows()
    infant_feeding()
