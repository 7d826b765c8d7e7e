package io.dealerpulse.simulator.network;

import java.time.ZoneId;
import java.util.List;

/** A region of the network: its name, time zone, a reference point for coordinates. */
public record Region(String name, ZoneId zone, double latitude, double longitude, List<String> towns) {

    /** French regions and overseas zones the generator draws sites from, metropolitan ones first. */
    public static final List<Region> FRENCH = List.of(
            new Region("ile-de-france", ZoneId.of("Europe/Paris"), 48.85, 2.35,
                    List.of("Paris", "Versailles", "Creteil", "Nanterre", "Evry")),
            new Region("auvergne-rhone-alpes", ZoneId.of("Europe/Paris"), 45.76, 4.84,
                    List.of("Lyon", "Grenoble", "Clermont-Ferrand", "Annecy")),
            new Region("provence-alpes-cote-azur", ZoneId.of("Europe/Paris"), 43.30, 5.37,
                    List.of("Marseille", "Nice", "Toulon", "Avignon")),
            new Region("hauts-de-france", ZoneId.of("Europe/Paris"), 50.63, 3.06,
                    List.of("Lille", "Amiens", "Arras", "Dunkerque")),
            new Region("la-reunion", ZoneId.of("Indian/Reunion"), -20.88, 55.45,
                    List.of("Saint-Denis", "Saint-Pierre", "Le Port")),
            new Region("martinique", ZoneId.of("America/Martinique"), 14.60, -61.07,
                    List.of("Fort-de-France", "Le Lamentin")),
            new Region("nouvelle-aquitaine", ZoneId.of("Europe/Paris"), 44.84, -0.58,
                    List.of("Bordeaux", "Limoges", "Poitiers", "Pau")),
            new Region("guadeloupe", ZoneId.of("America/Guadeloupe"), 16.24, -61.53,
                    List.of("Pointe-a-Pitre", "Basse-Terre")),
            new Region("occitanie", ZoneId.of("Europe/Paris"), 43.60, 1.44,
                    List.of("Toulouse", "Montpellier", "Nimes", "Perpignan")),
            new Region("bretagne", ZoneId.of("Europe/Paris"), 48.11, -1.68,
                    List.of("Rennes", "Brest", "Quimper", "Vannes")));
}
