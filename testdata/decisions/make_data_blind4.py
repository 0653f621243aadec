#!/usr/bin/python3
"""Deterministic generator for the blind4 datasets (standard library only)."""
import csv, math, random, os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
os.makedirs(OUT, exist_ok=True)


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def maybe(rng, v, p):
    return None if rng.random() < p else v


# 1. fishery landings ---------------------------------------------------------
def fishery():
    rng = random.Random(101)
    header = ["trip_id", "port", "gear", "vessel_len_m", "crew", "trip_days", "fuel_L",
              "catch_kg", "price_per_kg", "Water Temp (C)", "bycatch", "quarter",
              "certified", "skipper_yrs_exp"]
    port_eff = {"Northport": 1.15, "Southbay": 0.95, "Eastcliff": 0.85}
    rows = []
    for i in range(140):
        port = rng.choice(list(port_eff))
        gear = "trawl" if rng.random() < 0.55 else "longline"
        L = round(clip(rng.gauss(18, 4), 9, 32), 1)
        crew = int(clip(round(L / 4 + rng.gauss(0, 1)), 2, 9))
        days = int(clip(round(rng.gauss(4, 1.6)), 1, 9))
        fuel = round(days * L * rng.uniform(9, 13) * (1.25 if gear == "trawl" else 1.0), 0)
        q = rng.randint(1, 4)
        temp = {1: 8.5, 2: 12.0, 3: 15.5, 4: 11.0}[q] + rng.gauss(0, 1.2)
        yrs = int(clip(round(rng.gauss(15, 8)), 1, 40))
        cert = 1 if rng.random() < 0.4 else 0
        catch = (L * 45 * days * port_eff[port] * (1.35 if gear == "trawl" else 0.9)
                 * (1 + 0.006 * yrs) * math.exp(rng.gauss(0, 0.25)))
        price = (3.2 + (1.1 if gear == "longline" else 0) + 0.6 * cert
                 - 0.00012 * catch + rng.gauss(0, 0.35))
        pby = 0.45 if gear == "trawl" else 0.15
        bycatch = "yes" if rng.random() < pby else "no"
        rows.append([f"T{i+1:04d}", port, gear, L, crew, days, int(fuel), round(catch, 1),
                     round(clip(price, 1.5, 7), 2), maybe(rng, round(temp, 1), 0.06),
                     bycatch, q, cert, yrs])
    write("fishery_landings.csv", header, rows)


# 2. dairy herd ---------------------------------------------------------------
def dairy():
    rng = random.Random(202)
    header = ["cowId", "farm", "breed", "parity", "housing", "body.wt", "days.in.milk",
              "feed.kg.dm", "milk.yield.wk1", "milk.yield.wk8", "fat.pct", "protein.pct",
              "SCC", "mastitis", "lame"]
    breeds = {"Holstein": (650, 34, 3.8), "Jersey": (440, 24, 5.0),
              "Ayrshire": (540, 28, 4.1), "Brown Swiss": (620, 30, 4.0)}
    farms = {"Hollow": 0.10, "Brae": 0.22, "Fenwick": 0.15, "Marsh": 0.30}
    rows = []
    for i in range(180):
        farm = rng.choice(list(farms))
        breed = rng.choices(list(breeds), weights=[5, 3, 2, 2])[0]
        bw0, my0, fat0 = breeds[breed]
        parity = rng.choices([1, 2, 3], weights=[4, 3, 3])[0]
        housing = "barn" if rng.random() < 0.5 else "pasture"
        bw = bw0 + 25 * (parity - 1) + rng.gauss(0, 35)
        dim = rng.randint(20, 60)
        feed = 14 + 0.012 * (bw - 500) + rng.gauss(0, 1.6)
        wk1 = my0 * (0.85 + 0.07 * (parity - 1)) + 0.5 * (feed - 17) + rng.gauss(0, 3)
        wk8 = wk1 * rng.gauss(1.09, 0.06) + rng.gauss(0, 1.5)
        fat = fat0 - 0.03 * (wk8 - my0) + rng.gauss(0, 0.25)
        prot = 3.1 + 0.35 * (fat - 3.8) + rng.gauss(0, 0.12)
        base = farms[farm]
        pm = clip(base * (1.9 if housing == "barn" else 1.0) * (1 + 0.15 * (parity - 1)), 0, 0.9)
        mast = rng.random() < pm
        scc = math.exp(rng.gauss(4.6, 0.5) + (1.2 if mast else 0))
        lame = "yes" if rng.random() < (0.12 + 0.05 * (parity - 1) + (0.06 if housing == "barn" else 0)) else "no"
        rows.append([f"C-{1001+i}", farm, breed, parity, housing, round(bw, 0), dim,
                     round(feed, 1), round(wk1, 1), round(wk8, 1),
                     maybe(rng, round(fat, 2), 0.07), round(prot, 2), int(scc),
                     "yes" if mast else "no", lame])
    write("dairy_herd.csv", header, rows)


# 3. library loans ------------------------------------------------------------
def library():
    rng = random.Random(303)
    header = ["memberID", "branch", "memberType", "ageYrs", "yearsMember", "visitsPerMonth",
              "loansPerMonth", "avgLoanDays", "lateReturns", "finesPaid", "eBookUser",
              "joinedOnline", "satisfaction"]
    branch_eff = {"Central": 1.3, "North": 1.0, "Riverside": 0.9, "Hillside": 0.8, "Westgate": 1.05}
    rows = []
    for i in range(150):
        mt = rng.choices(["student", "adult", "senior"], weights=[3, 5, 3])[0]
        age = {"student": rng.randint(16, 25), "adult": rng.randint(26, 64),
               "senior": rng.randint(65, 88)}[mt]
        br = rng.choice(list(branch_eff))
        ym = int(clip(round(rng.expovariate(1 / 6) + (age - 16) * 0.08), 0, 40))
        visits = clip(rng.gauss(3 + (1.5 if mt == "senior" else 0), 1.4) * branch_eff[br], 0.2, 12)
        loans = max(0, round(visits * rng.uniform(0.8, 1.9) + rng.gauss(0, 0.8)))
        days = clip(rng.gauss(16 + (4 if mt == "senior" else 0) - (3 if mt == "student" else 0), 4), 3, 35)
        late = max(0, int(round(rng.expovariate(1 / (0.6 + 0.08 * max(0, days - 14) + (0.8 if mt == "student" else 0))))))
        fines = round(late * rng.uniform(0.5, 1.5), 2)
        pe = {"student": 0.65, "adult": 0.5, "senior": 0.2}[mt]
        ebook = "Y" if rng.random() < pe else "N"
        online = 1 if rng.random() < (0.7 if ebook == "Y" else 0.3) else 0
        sat = int(clip(round(6 + 0.3 * visits - 0.4 * late + rng.gauss(0, 1.3)), 1, 10))
        rows.append([f"M{50200+i*3}", br, mt, age, ym, round(visits, 1), loans, round(days, 1),
                     late, fines, ebook, online, maybe(rng, sat, 0.08)])
    write("library_loans.csv", header, rows)


# 4. brewery batches ----------------------------------------------------------
def brewery():
    rng = random.Random(404)
    header = ["Batch No", "Style", "Fermenter", "Shift", "Fill Volume (ml)", "OG", "FG",
              "ABV (%)", "Ferm Temp (C)", "Ferm Days", "IBU", "pH", "Dissolved O2 (ppb)",
              "QC Pass"]
    styles = {"Lager": (1.048, 10, 12, 22), "IPA": (1.062, 19, 7, 60),
              "Stout": (1.066, 18, 8, 38), "Wheat": (1.050, 20, 6, 14)}
    rows = []
    for i in range(96):
        st = rng.choice(list(styles))
        og0, t0, d0, ibu0 = styles[st]
        ferm = rng.randint(1, 3)
        shift = "Day" if rng.random() < 0.5 else "Night"
        fill = rng.gauss(500.0, 1.6 if shift == "Day" else 3.0) + (-0.8 if ferm == 3 else 0.2)
        og = og0 + rng.gauss(0, 0.003)
        temp = t0 + rng.gauss(0, 0.9) + (0.6 if ferm == 2 else 0)
        atten = clip(0.76 + 0.006 * (temp - t0) + rng.gauss(0, 0.025), 0.6, 0.88)
        fg = 1 + (og - 1) * (1 - atten)
        abv = (og - fg) * 131.25
        days = int(clip(round(d0 - 0.25 * (temp - t0) + rng.gauss(0, 1)), 4, 16))
        ibu = clip(ibu0 + rng.gauss(0, ibu0 * 0.12), 5, 90)
        ph = 4.3 - (0.15 if st == "Stout" else 0) + rng.gauss(0, 0.08)
        do2 = math.exp(rng.gauss(3.4 + (0.35 if shift == "Night" else 0), 0.45))
        qc = "yes" if (abs(fill - 500) < 4 and do2 < 60 and rng.random() < 0.93) else "no"
        rows.append([f"B{24001+i}", st, ferm, shift, round(fill, 1), round(og, 4), round(fg, 4),
                     round(abv, 2), round(temp, 1), days, round(ibu, 0), round(ph, 2),
                     maybe(rng, round(do2, 1), 0.05), qc])
    write("brewery_batches.csv", header, rows)


# 5. wind farm ----------------------------------------------------------------
def windfarm():
    rng = random.Random(505)
    header = ["turbine_id", "site", "model", "commission_yr", "hub_height_m", "wind_speed_ms",
              "power_kW", "rotor_rpm", "nacelle_temp_C", "gearbox_vib_mm_s", "downtime_hrs",
              "fault", "kwh_before_retrofit", "kwh_after_retrofit"]
    models = {"V90": (2000, 80, 16.1), "N117": (2400, 91, 12.0), "SG132": (3400, 110, 10.5)}
    rows = []
    for i in range(64):
        site = "Ridge" if i % 2 == 0 else "Coastal"
        model = rng.choice(list(models))
        rated, hub0, rpm0 = models[model]
        yr = rng.choice([2016, 2019, 2022])
        hub = hub0 + rng.choice([-5, 0, 0, 5])
        ws = clip(rng.gauss(7.6 if site == "Coastal" else 6.8, 1.3) * (hub / 95) ** 0.14, 3.5, 13)
        cf = clip(((ws - 3) / 9) ** 2.6, 0, 1)
        power = rated * cf * rng.uniform(0.9, 1.05)
        rpm = rpm0 * clip(0.45 + 0.06 * ws, 0.5, 1.05) + rng.gauss(0, 0.4)
        age = 2024 - yr
        ntemp = 28 + 0.004 * power + 0.6 * age + rng.gauss(0, 2.5) - (3 if site == "Coastal" else 0)
        vib = math.exp(rng.gauss(0.6 + 0.07 * age, 0.35))
        down = max(0.0, rng.expovariate(1 / (6 + 2.2 * age)))
        fault = 1 if rng.random() < clip(0.08 + 0.05 * age, 0, 0.8) else 0
        before = power * 24 * 30 * rng.uniform(0.85, 1.0)
        after = before * rng.gauss(1.035, 0.03)
        rows.append([f"WT-{i+1:02d}", site, model, yr, hub, round(ws, 2), round(power, 0),
                     round(rpm, 1), round(ntemp, 1), maybe(rng, round(vib, 2), 0.08),
                     round(down, 1), fault, round(before, 0), round(after, 0)])
    write("wind_farm.csv", header, rows)


# 6. school canteen -----------------------------------------------------------
def canteen():
    rng = random.Random(606)
    header = ["pupilID", "school", "yearGroup", "sex", "freeMeals", "menu",
              "Lunch Spend (GBP)", "fruitPortions_wk", "plate_waste_g", "BMIz",
              "attention_pre", "attention_post", "absences"]
    schools = {"Oakwood": 0.0, "Elm Park": 0.25, "Hillcrest": -0.2}
    rows = []
    for i in range(200):
        sc = rng.choice(list(schools))
        yg = rng.choice([7, 8, 9, 10])
        sex = rng.choice(["F", "M"])
        fm = "yes" if rng.random() < 0.28 else "no"
        menu = "new" if rng.random() < 0.5 else "standard"
        spend = 2.1 + 0.12 * (yg - 7) + (0.0 if fm == "yes" else 0.35) + rng.gauss(0, 0.45)
        if fm == "yes":
            spend = spend * 0.4
        fruit = max(0, int(round(rng.gauss(4 + (1.6 if menu == "new" else 0) + schools[sc] * 2 + (0.6 if sex == "F" else 0), 1.8))))
        waste = math.exp(rng.gauss(4.3 - (0.15 if menu == "new" else 0) - 0.05 * (yg - 7), 0.5))
        bmiz = rng.gauss(0.35 - 0.06 * fruit + (0.2 if fm == "yes" else 0), 1.0)
        pre = rng.gauss(50 + schools[sc] * 6, 9)
        post = pre + rng.gauss(3.5 if menu == "new" else 0.5, 5)
        absn = max(0, int(round(rng.expovariate(1 / (4 + (2 if fm == "yes" else 0))))))
        rows.append([f"P{3000+i}", sc, yg, sex, fm, menu, round(max(0.2, spend), 2), fruit,
                     round(waste, 0), maybe(rng, round(bmiz, 2), 0.06), round(pre, 1),
                     maybe(rng, round(post, 1), 0.04), absn])
    write("school_canteen.csv", header, rows)


# 7. marathon results ---------------------------------------------------------
def marathon():
    rng = random.Random(707)
    header = ["Bib", "Gender", "AgeGroup", "Age", "Weight.kg", "TrainingKmWk", "LongestRunKm",
              "VO2max", "RestingHR", "Shoe", "FirstMarathon", "Half1_min", "Half2_min",
              "Finish_min", "Sub4"]
    rows = []
    for i in range(220):
        g = "F" if rng.random() < 0.42 else "M"
        age = int(clip(round(rng.gauss(39, 10)), 19, 72))
        ag = "U30" if age < 30 else "30-39" if age < 40 else "40-49" if age < 50 else "50+"
        wt = rng.gauss(61 if g == "F" else 76, 8)
        km = clip(rng.gauss(48, 16), 12, 110)
        longest = clip(18 + 0.12 * km + rng.gauss(0, 3), 14, 38)
        vo2 = clip(rng.gauss(46 if g == "F" else 52, 5) + 0.08 * (km - 48) - 0.15 * (age - 39), 30, 75)
        rhr = clip(72 - 0.45 * (vo2 - 45) + rng.gauss(0, 4), 38, 90)
        shoe = "carbon" if rng.random() < (0.25 + 0.004 * km) else "standard"
        first = "Y" if rng.random() < 0.3 else "N"
        base = (255 - 1.9 * (vo2 - 48) - 0.35 * (km - 48) + 0.6 * (wt - 70)
                + (6 if first == "Y" else 0) - (4 if shoe == "carbon" else 0) + rng.gauss(0, 14))
        base = clip(base, 150, 390)
        h1 = base / 2 * rng.uniform(0.93, 0.99)
        h2 = base - h1 + rng.gauss(6 + (5 if first == "Y" else 0), 4)
        fin = h1 + h2
        rows.append([400 + i, g, ag, age, round(wt, 1), round(km, 0), round(longest, 1),
                     maybe(rng, round(vo2, 1), 0.07), int(round(rhr)), shoe, first,
                     round(h1, 1), round(h2, 1), round(fin, 1), "yes" if fin < 240 else "no"])
    write("marathon_results.csv", header, rows)


# 8. game studio playtests ----------------------------------------------------
def playtests():
    rng = random.Random(808)
    header = ["session_id", "platform", "build", "region", "player_age", "session_len_min",
              "levels_cleared", "crashes", "avg_fps", "load_time_s", "spend_usd",
              "tutorial_done", "retained_d7", "rating"]
    plat = {"PC": (90, 0), "Console": (60, 0), "Mobile": (45, 1), "VR": (72, 1)}
    rows = []
    for i in range(160):
        p = rng.choices(list(plat), weights=[4, 3, 5, 2])[0]
        fps0, heavy = plat[p]
        b = "A" if rng.random() < 0.5 else "B"
        reg = rng.choice(["NA", "EU", "APAC", "LATAM"])
        age = int(clip(round(rng.gauss(27, 8)), 13, 60))
        fps = clip(rng.gauss(fps0 - (4 if b == "B" else 0), fps0 * 0.08), 20, 144)
        load = 2 + rng.expovariate(1 / (6 if heavy else 3)) - (0.8 if b == "B" else 0)
        crashes = sum(1 for _ in range(10) if rng.random() < (0.03 + 0.04 * heavy + (0.03 if b == "B" else 0)))
        tut = 1 if rng.random() < 0.65 else 0
        slen = clip(rng.gauss(32 + 0.25 * (fps - 60) - 4 * crashes + 6 * tut, 11), 3, 120)
        lv = max(0, int(round(slen / 6 + rng.gauss(0, 1.5))))
        spend = 0.0 if rng.random() < 0.55 else round(rng.expovariate(1 / (4 + 0.1 * slen)), 2)
        ret = "yes" if rng.random() < clip(0.2 + 0.01 * slen + 0.12 * tut - 0.06 * crashes, 0.02, 0.95) else "no"
        rating = int(clip(round(3 + 0.03 * (slen - 32) - 0.4 * crashes + rng.gauss(0, 0.8)), 1, 5))
        rows.append([f"S{7000+i}", p, b, reg, age, round(slen, 1), lv, crashes, round(fps, 1),
                     round(load, 2), spend, tut, ret, maybe(rng, rating, 0.06)])
    write("game_playtests.csv", header, rows)


if __name__ == "__main__":
    fishery(); dairy(); library(); brewery(); windfarm(); canteen(); marathon(); playtests()
    print("wrote", sorted(os.listdir(OUT)))
