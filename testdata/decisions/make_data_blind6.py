#!/usr/bin/python3
"""Deterministic generator for the blind6 datasets (standard library only)."""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def maybe(rng, v, p):
    return None if rng.random() < p else v


# 1. materials testing: concrete cubes -----------------------------------------
def concrete():
    rng = random.Random(6101)
    header = ["specimen_id", "mix_design", "lab", "w_c_ratio", "cement_kg_m3",
              "Fly Ash (%)", "admixture", "curing", "Slump (mm)", "air_content_pct",
              "density_kgm3", "str_7d_MPa", "str_28d_MPa", "cracked"]
    mix_wc = {"A": 0.40, "B": 0.45, "C": 0.50, "D": 0.58}
    rows = []
    for i in range(120):
        mix = rng.choice("ABCD")
        lab = rng.choice([1, 2, 3])
        wc = round(mix_wc[mix] + rng.gauss(0, 0.025), 3)
        cement = round(rng.gauss(420 - 250 * (wc - 0.45), 18))
        fly = rng.choice([0, 0, 10, 15, 20, 25])
        adm = "yes" if rng.random() < 0.45 else "no"
        curing = "water" if rng.random() < 0.6 else "air"
        slump = round(max(20, rng.gauss(90 + 200 * (wc - 0.45) + (35 if adm == "yes" else 0), 18)))
        air = round(max(1.0, rng.gauss(2.5 + (2.0 if adm == "yes" else 0), 0.6)), 1)
        dens = round(rng.gauss(2390 - 30 * air - 150 * (wc - 0.45), 20))
        s28 = 62 - 55 * (wc - 0.40) + 0.02 * (cement - 400) - 0.12 * fly - 1.2 * (air - 3)
        s28 += (0 if curing == "water" else -4.5) + {1: 0, 2: 1.2, 3: -1.5}[lab]
        s28 = round(s28 + rng.gauss(0, 3.2), 1)
        s7 = round(s28 * (0.68 - 0.004 * fly) + rng.gauss(0, 1.8), 1)
        cracked = "yes" if rng.random() < (0.10 + (0.25 if curing == "air" else 0)) else "no"
        rows.append([f"CC{i + 1:03d}", mix, lab, wc, cement, fly, adm, curing,
                     maybe(rng, slump, 0.05), air, dens, maybe(rng, s7, 0.04), s28, cracked])
    write("concrete_cubes.csv", header, rows)


# 2. astronomy: exoplanet transit candidates -----------------------------------
def exoplanets():
    rng = random.Random(6202)
    header = ["targetID", "telescope", "discoveryYear", "starTeff", "starMassSun",
              "magV", "orbitalPeriodDays", "planetRadiusEarth", "transitDepthPpm",
              "transitDurationHrs", "snr", "multiPlanet", "confirmed"]
    rows = []
    for i in range(180):
        tel = rng.choices(["TESS", "Kepler", "NGTS"], [0.5, 0.35, 0.15])[0]
        year = rng.choice([2019, 2020, 2021, 2022])
        mass = round(min(1.6, max(0.2, rng.gauss(0.95, 0.25))), 2)
        teff = round(3000 + 2900 * (mass - 0.2) / 1.1 + rng.gauss(0, 150))
        rstar = mass ** 0.8
        magv = round(rng.uniform(8, 14) + (1.5 if tel == "Kepler" else 0), 2)
        period = round(math.exp(rng.uniform(math.log(0.6), math.log(120))), 3)
        rp = round(math.exp(rng.gauss(math.log(2.5), 0.6)), 2)
        depth = round(84 * (rp / rstar) ** 2 * math.exp(rng.gauss(0, 0.1)))
        dur = round(13 * (period / 365) ** (1 / 3) * rstar / mass ** (1 / 3) * rng.uniform(0.6, 1.0), 2)
        noise = {"TESS": 1.0, "Kepler": 0.55, "NGTS": 1.6}[tel] * 10 ** (0.2 * (magv - 10))
        snr = round(depth / (60 * noise) * math.sqrt(max(dur, 0.3)) * rng.uniform(0.7, 1.3), 1)
        multi = 1 if rng.random() < 0.22 else 0
        pconf = 1 / (1 + math.exp(-(0.25 * (snr - 12)))) + (0.15 if multi else 0)
        conf = "Y" if rng.random() < min(pconf, 0.97) else "N"
        rows.append([f"TIC-{rng.randint(1000000, 9999999)}", tel, year, teff, mass, magv,
                     period, rp, depth, maybe(rng, dur, 0.03), snr, multi, conf])
    write("exoplanet_transits.csv", header, rows)


# 3. linguistics: vowel formant measurements ------------------------------------
def vowels():
    rng = random.Random(6303)
    header = ["spk.id", "sex", "age", "dialect", "bilingual", "task", "vowel",
              "F1.Hz", "F2.Hz", "f0.mean", "dur.ms", "speech.rate"]
    base = {"i": (300, 2300), "a": (750, 1350), "u": (330, 900)}
    dial_shift = {"North": (0, 80), "South": (25, -60), "East": (10, 20),
                  "West": (-15, 0), "Central": (5, -20)}
    rows = []
    for s in range(50):
        sex = rng.choice(["F", "M"])
        age = rng.randint(18, 74)
        dial = rng.choice(list(dial_shift))
        bil = "yes" if rng.random() < 0.35 else "no"
        scale = 1.17 if sex == "F" else 1.0
        f0 = (205 if sex == "F" else 118) - 0.3 * (age - 40)
        for v in ("i", "a", "u"):
            task = rng.choice(["read", "spontaneous"])
            f1 = base[v][0] * scale + dial_shift[dial][0] + rng.gauss(0, 35)
            f2 = base[v][1] * scale + dial_shift[dial][1] + rng.gauss(0, 110)
            rate = rng.gauss(4.6 if task == "read" else 5.4, 0.5) - 0.01 * (age - 40)
            dur = rng.gauss(165 - 14 * (rate - 5) + (20 if v == "a" else 0), 18)
            if task == "spontaneous":
                f1 = f1 * 0.96 + 10
            rows.append([f"S{s + 1:02d}", sex, age, dial, bil, task, v, round(f1),
                         round(f2), maybe(rng, round(f0 + rng.gauss(0, 12), 1), 0.04),
                         round(dur), round(rate, 2)])
    write("vowel_formants.csv", header, rows)


# 4. water utility: water main segments -----------------------------------------
def water_mains():
    rng = random.Random(6404)
    header = ["Segment ID", "Zone", "Material", "Install Year", "Diameter (mm)",
              "Length (m)", "Depth (m)", "Pressure (kPa)", "Soil Corrosivity",
              "Traffic Load", "Breaks 2019-2023", "Leak Detected"]
    mat_years = {"Cast Iron": (1920, 1965), "Asbestos Cement": (1950, 1980),
                 "Ductile Iron": (1970, 2005), "PVC": (1985, 2020)}
    rows = []
    for i in range(200):
        zone = rng.choice(["Z1", "Z2", "Z3", "Z4"])
        mat = rng.choices(list(mat_years), [0.3, 0.2, 0.3, 0.2])[0]
        yr = rng.randint(*mat_years[mat])
        diam = rng.choice([100, 150, 150, 200, 250, 300, 400])
        length = round(rng.uniform(40, 600), 1)
        depth = round(rng.gauss(1.4, 0.25), 2)
        press = round(rng.gauss({"Z1": 420, "Z2": 480, "Z3": 550, "Z4": 610}[zone], 45))
        soil = "High" if rng.random() < 0.4 else "Low"
        traffic = rng.choice(["Light", "Moderate", "Heavy"])
        age = 2023 - yr
        lam = (length / 300) * math.exp(-2.3 + 0.025 * age + 0.9 * (soil == "High")
                                         + 0.002 * (press - 500) - 0.003 * (diam - 150)
                                         + 0.3 * (traffic == "Heavy")
                                         - 0.8 * (mat == "PVC"))
        # Poisson draw
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= L:
                break
            k += 1
        pleak = 1 / (1 + math.exp(-(-1.8 + 0.9 * (soil == "High") + 0.4 * k)))
        leak = "Yes" if rng.random() < pleak else "No"
        rows.append([f"WM-{10400 + i}", zone, mat, yr, diam, length, maybe(rng, depth, 0.06),
                     press, soil, traffic, k, leak])
    write("water_mains.csv", header, rows)


# 5. hydrology: river gauging stations -----------------------------------------
def river_gauges():
    rng = random.Random(6505)
    header = ["station_code", "basin", "land_use", "catch_km2", "elev_m", "slope_pct",
              "rain_mm", "peak_q_m3s", "bfi", "turb_up_NTU", "turb_down_NTU",
              "nitrate_mgL", "flood_2021"]
    rows = []
    for i in range(90):
        basin = rng.choice(["Avon", "Tamar", "Exe"])
        lu = rng.choices(["forest", "agricultural", "urban"], [0.35, 0.45, 0.2])[0]
        area = round(math.exp(rng.uniform(math.log(15), math.log(1800))), 1)
        elev = round(rng.uniform(20, 600))
        slope = round(max(0.2, 0.5 + elev / 150 + rng.gauss(0, 0.6)), 2)
        rain = round(800 + 1.3 * elev + rng.gauss(0, 120))
        bfi = round(min(0.9, max(0.15, {"forest": 0.6, "agricultural": 0.48, "urban": 0.3}[lu]
                                  + rng.gauss(0, 0.07))), 2)
        peak = round(0.012 * area ** 0.85 * (rain / 1000) ** 1.5 * (1.6 - bfi) * math.exp(rng.gauss(0, 0.3)) * 10, 1)
        tup = round(math.exp(rng.gauss({"forest": 1.4, "agricultural": 2.2, "urban": 2.6}[lu], 0.4)), 1)
        tdown = round(tup * math.exp(rng.gauss(0.18, 0.2)), 1)
        nitr = round(max(0.2, {"forest": 1.2, "agricultural": 5.5, "urban": 3.2}[lu] + rng.gauss(0, 1.1)), 2)
        flood = "yes" if rng.random() < 1 / (1 + math.exp(-(peak - 60) / 25)) else "no"
        rows.append([f"GS{i + 101}", basin, lu, area, elev, slope, rain, peak, bfi,
                     tup, maybe(rng, tdown, 0.05), maybe(rng, nitr, 0.07), flood])
    write("river_gauges.csv", header, rows)


# 6. archaeology: pottery sherds -----------------------------------------------
def pottery():
    rng = random.Random(6606)
    header = ["SherdNo", "Site", "Trench", "Phase", "Fabric", "Wall_mm", "RimDiam_cm",
              "Weight_g", "FiringTemp_C", "Porosity_pct", "Decorated", "Burnished"]
    rows = []
    for i in range(160):
        site = rng.choice(["Hillfort", "Riverside", "Causeway"])
        trench = rng.choice(["T1", "T2", "T3", "T4"])
        phase = rng.choices(["I", "II", "III"], [0.3, 0.4, 0.3])[0]
        fabric = rng.choice(["coarse", "sandy", "fine", "shell-tempered"])
        wall = rng.gauss({"coarse": 11, "sandy": 8.5, "fine": 5.5, "shell-tempered": 9}[fabric], 1.4)
        fire = rng.gauss({"I": 720, "II": 790, "III": 860}[phase]
                         + (40 if fabric == "fine" else 0), 45)
        poros = max(2, 28 - 0.025 * (fire - 700) + rng.gauss(0, 2.5))
        rim = rng.gauss(14 + 0.6 * (wall - 8), 4) if rng.random() < 0.6 else None
        weight = math.exp(rng.gauss(math.log(8 * wall), 0.55))
        pdec = {"I": 0.2, "II": 0.35, "III": 0.55}[phase] + (0.1 if fabric == "fine" else 0)
        dec = "Y" if rng.random() < pdec else "N"
        bur = "Y" if rng.random() < (0.25 + (0.3 if dec == "Y" else 0)) else "N"
        rows.append([f"{1000 + i}", site, trench, phase, fabric, round(wall, 1),
                     None if rim is None else round(max(4, rim), 1), round(weight, 1),
                     maybe(rng, round(fire), 0.08), round(poros, 1), dec, bur])
    write("pottery_sherds.csv", header, rows)


# 7. energy grids: distribution feeder reliability ------------------------------
def grid():
    rng = random.Random(6707)
    header = ["feeder", "region", "yr", "cust_served", "line_km", "ug_pct",
              "asset_age_yrs", "tree_cover", "veg_mgmt", "storm_exposed",
              "saifi", "saidi_min", "restore_crew_hrs"]
    rows = []
    for i in range(140):
        region = rng.choice(["Coastal", "Valley", "Highlands", "Metro"])
        yr = rng.choice([2022, 2023])
        ug = round(min(95, max(0, rng.gauss(70 if region == "Metro" else 22, 15))), 1)
        km = round(max(3, rng.gauss(12 if region == "Metro" else 45, 12)), 1)
        cust = round(max(150, rng.gauss(3200 if region == "Metro" else 1400, 500)))
        age = round(rng.uniform(5, 55))
        tree = rng.choice(["low", "medium", "high"])
        veg = 1 if rng.random() < 0.5 else 0
        pst = {"Coastal": 0.7, "Valley": 0.35, "Highlands": 0.55, "Metro": 0.2}[region]
        storm = "yes" if rng.random() < pst else "no"
        saifi = (0.4 + 0.02 * km * (1 - ug / 100) + 0.01 * age
                 + {"low": 0, "medium": 0.3, "high": 0.7}[tree] * (0.5 if veg else 1.0)
                 + (0.6 if storm == "yes" else 0) + (0.15 if yr == 2023 else 0))
        saifi = round(max(0.05, saifi * math.exp(rng.gauss(0, 0.25))), 2)
        dur = 70 + (60 if region == "Highlands" else 0) + (30 if storm == "yes" else 0)
        saidi = round(saifi * dur * math.exp(rng.gauss(0, 0.3)), 1)
        crew = round(saidi * cust / 60 / 400 * rng.uniform(0.7, 1.3), 1)
        rows.append([f"FDR-{region[:2].upper()}{i + 1:03d}", region, yr, cust, km, ug, age,
                     tree, veg, storm, saifi, maybe(rng, saidi, 0.04), maybe(rng, crew, 0.06)])
    write("grid_outages.csv", header, rows)


# 8. transport engineering: pavement resurfacing sections ----------------------
def pavement():
    rng = random.Random(6808)
    header = ["Section", "Surface Type", "Climate", "Contractor", "AADT", "Truck %",
              "Age (yrs)", "Overlay Thickness (mm)", "IRI Before (m/km)",
              "IRI After (m/km)", "Rut Depth (mm)", "Cracking %", "Drainage Adequate"]
    rows = []
    for i in range(110):
        surf = "asphalt" if rng.random() < 0.7 else "concrete"
        clim = rng.choice(["hot-dry", "wet-freeze", "temperate"])
        con = rng.choice([1, 2, 3, 4])
        aadt = round(math.exp(rng.uniform(math.log(800), math.log(45000))))
        truck = round(min(40, max(2, rng.gauss(12, 6))), 1)
        age = rng.randint(3, 30)
        drain = "Yes" if rng.random() < 0.65 else "No"
        iri_b = (1.6 + 0.07 * age + 0.25 * math.log10(aadt) + 0.02 * truck
                 + (0.4 if clim == "wet-freeze" else 0) + (0.3 if drain == "No" else 0)
                 + rng.gauss(0, 0.35))
        thick = rng.choice([40, 50, 50, 60, 75, 100]) if surf == "asphalt" else rng.choice([None, 0])
        improv = (0.35 + 0.004 * (thick or 0)) * iri_b * rng.uniform(0.8, 1.2)
        improv *= {1: 1.0, 2: 1.05, 3: 0.85, 4: 0.95}[con]
        iri_a = max(0.8, iri_b - improv if surf == "asphalt" else iri_b * rng.uniform(0.75, 0.95))
        rut = max(0.5, (0.25 * age + 0.08 * truck + rng.gauss(0, 1.5)) * (1 if surf == "asphalt" else 0.3))
        crack = min(60, max(0, 0.9 * age + (6 if clim == "wet-freeze" else 0)
                            + (5 if drain == "No" else 0) + rng.gauss(0, 4)))
        rows.append([f"RS-{2000 + i}", surf, clim, con, aadt, truck, age, thick,
                     round(iri_b, 2), maybe(rng, round(iri_a, 2), 0.05), round(rut, 1),
                     maybe(rng, round(crack, 1), 0.05), drain])
    write("pavement_sections.csv", header, rows)


if __name__ == "__main__":
    concrete()
    exoplanets()
    vowels()
    water_mains()
    river_gauges()
    pottery()
    grid()
    pavement()
    print("wrote", sorted(os.listdir(OUT)))
